using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// A child region's report to its parent: turnover as per-day deltas (sequence-checked like
/// <see cref="ShopTurnover"/>), everything else as absolute current values (so a later report
/// repairs an earlier lost one). <see cref="Epoch"/> names the child's activation, as for shops.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("TaobaoLive.RegionTurnover")]
public sealed record RegionTurnover(
    [property: Id(0)] string ChildId,
    [property: Id(1)] long FirstSeq,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] IReadOnlyList<DayTurnover> Days,
    [property: Id(4)] RegionCounts Counts,
    [property: Id(5)] long Epoch = 0);
