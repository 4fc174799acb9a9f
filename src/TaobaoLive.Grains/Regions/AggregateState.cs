using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Regions;

/// <summary>Persisted state of a town or area: children's links, day buckets, status and history.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.AggregateState")]
public sealed class AggregateState : IParentState<ChildLink>
{
    [Id(0)] public Dictionary<string, ChildLink> Children { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public List<DayTurnover> Days { get; set; } = [];

    [Id(2)] public long Gaps { get; set; }

    [Id(3)] public long UpSeq { get; set; }

    [Id(4)] public RegionCounts? LastReported { get; set; }

    [Id(5)] public RegionStatus Status { get; set; }

    [Id(6)] public DateTimeOffset? StatusSince { get; set; }

    [Id(7)] public string? StatusCause { get; set; }

    [Id(8)] public List<StatusChanged> History { get; set; } = [];

    /// <summary>
    /// Clusters with a member inside (county, city, province) as stored before the cluster grain
    /// reported as a child: read only while the area holds no link of its cluster grain, never written.
    /// </summary>
    [Id(9)] public int ClusterCount { get; set; }

    /// <summary>True only in the state written by a graceful deactivation (see <see cref="ICleanShutdown"/>).</summary>
    [Id(10)] public bool Clean { get; set; }

    Dictionary<string, ChildLink> IParentState<ChildLink>.Links => Children;
}
