namespace TaobaoLive.Abstractions.Regions;

/// <summary>
/// What a region grain holds, read at the current business clock. Money is integer fen.
/// <see cref="UpwardGaps"/> counts sequence gaps seen in children's reports (0 when nothing was lost).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.RegionSnapshot")]
public sealed record RegionSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] RegionLevel Level,
    [property: Id(2)] string Name,
    [property: Id(3)] string Path,
    [property: Id(4)] RegionStatus Status,
    [property: Id(5)] long AnnualTurnoverFen,
    [property: Id(6)] long TodayTurnoverFen,
    [property: Id(7)] RegionCounts Counts,
    [property: Id(8)] int? Households,
    [property: Id(9)] DateTimeOffset AsOf,
    [property: Id(10)] DateTimeOffset? StatusSince,
    [property: Id(11)] string? StatusCause,
    [property: Id(12)] long UpwardGaps);
