namespace TaobaoLive.Abstractions.Regions;

/// <summary>
/// The country's turnover per minute (fen) of business day <see cref="Day"/> and of the day before,
/// minute 0 being 00:00 China Standard Time. Kept in memory by the country grain since it was activated:
/// <see cref="Since"/> is its first reading (earlier minutes are unknown), <see cref="DayStart"/> the
/// country's counts as business day <see cref="Day"/> began (or as the grain was activated, if later).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.TurnoverMinutes")]
public sealed record TurnoverMinutes(
    [property: Id(0)] int Day,
    [property: Id(1)] IReadOnlyList<long> Today,
    [property: Id(2)] IReadOnlyList<long> Yesterday,
    [property: Id(3)] DateTimeOffset? Since,
    [property: Id(4)] RegionCounts DayStart);
