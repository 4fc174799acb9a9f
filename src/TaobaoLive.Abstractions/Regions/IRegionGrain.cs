using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Abstractions.Regions;

/// <summary>
/// A region at any level (village, town, county, city, province, country), keyed by region id.
/// Every level answers the same questions so operators read any grain the same way.
/// </summary>
[Alias("TaobaoLive.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("GetState")]
    Task<RegionSnapshot> GetState();

    /// <summary>Recent status changes of this region (bounded), oldest first.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<StatusChanged>> GetHistory();

    /// <summary>What this region has reported to its parent so far (for a parent rebuilding itself).</summary>
    [Alias("GetContribution")]
    Task<ChildContribution> GetContribution();

    /// <summary>
    /// Rebuilds from the children's own figures now (the journal keeper asks every region above a
    /// shop once a silo has left: a report lost with that silo's outbox or stream queues is noticed
    /// only by a later report of the same child, and a child may never report again).
    /// </summary>
    [Alias("Reconcile")]
    Task Reconcile();
}
