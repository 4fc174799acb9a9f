using TaobaoLive.Abstractions.Events;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Clusters;

[GenerateSerializer]
[Alias("TaobaoLive.ClusterState")]
public sealed class ClusterState : ICleanShutdown
{
    [Id(0)] public int NextNumber { get; set; } = 1;

    [Id(1)] public List<ComponentRecord> Components { get; set; } = [];

    /// <summary>Newest standing sequence applied per village (older re-deliveries are ignored).</summary>
    [Id(2)] public Dictionary<string, long> VillageSeqs { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public List<StatusChanged> History { get; set; } = [];

    /// <summary>Cluster counts last reported to each county, city and province (areas whose count fell to zero drop out).</summary>
    [Id(4)] public Dictionary<string, int> AreaCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The village activation each applied standing came from: a new one is taken as it comes.</summary>
    [Id(5)] public Dictionary<string, long> VillageEpochs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True only in the state written by a graceful deactivation (see <see cref="ICleanShutdown"/>).</summary>
    [Id(6)] public bool Clean { get; set; }

    /// <summary>Sequence of the last cluster-count report to each area (absent in state stored before counts were reported).</summary>
    [Id(7)] public Dictionary<string, long> AreaSeqs { get; set; } = new(StringComparer.Ordinal);
}
