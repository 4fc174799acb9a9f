using TaobaoLive.Abstractions.Events;

namespace TaobaoLive.Abstractions.Clusters;

/// <summary>
/// The contiguity graph and village clusters of one province, keyed by province id. Villages report
/// their standing on a stream; the grain keeps connected components incrementally.
/// </summary>
[Alias("TaobaoLive.IClusterGrain")]
public interface IClusterGrain : IGrainWithStringKey
{
    [Alias("GetClusters")]
    Task<IReadOnlyList<ClusterSnapshot>> GetClusters();

    [Alias("GetHistory")]
    Task<IReadOnlyList<StatusChanged>> GetHistory();
}
