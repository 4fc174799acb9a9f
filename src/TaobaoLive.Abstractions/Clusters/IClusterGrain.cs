using Orleans.Concurrency;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Abstractions.Clusters;

/// <summary>
/// The contiguity graph and village clusters of one province, keyed by province id. Villages report
/// their standing on a stream; the grain keeps connected components incrementally, and reports to
/// each county, city and the province, as one more of its children, how many clusters touch it.
/// </summary>
[Alias("TaobaoLive.IClusterGrain")]
public interface IClusterGrain : IGrainWithStringKey
{
    [Alias("GetClusters")]
    Task<IReadOnlyList<ClusterSnapshot>> GetClusters();

    [Alias("GetHistory")]
    Task<IReadOnlyList<StatusChanged>> GetHistory();

    /// <summary>
    /// What this grain has reported to the area <paramref name="areaId"/> (a county, city or the
    /// province): its cluster count there, with this activation's epoch and the area's sequence.
    /// The area rebuilds from it as from its child regions. It only reads what the grain holds, so
    /// it does not wait behind a reconcile that is asking every village for its standing.
    /// </summary>
    [Alias("GetContribution")]
    [AlwaysInterleave]
    Task<ChildContribution> GetContribution(string areaId);

    /// <summary>
    /// Asks every village it has heard from for its standing now, applies what changed and reports to
    /// every area it counts for: a standing lost on the way (a silo that died with it queued, or a
    /// second activation of this grain that took it) is not otherwise repaired until that village's
    /// next one. The journal keeper calls it in its region rebuilds, after the villages'.
    /// </summary>
    [Alias("Reconcile")]
    Task Reconcile();
}
