namespace TaobaoLive.Abstractions.Regions;

/// <summary>
/// The country's turnover per minute (fen) of business day <see cref="Day"/> and of the day before,
/// minute 0 being 00:00 China Standard Time. Kept in memory by the country grain since it was activated.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.TurnoverMinutes")]
public sealed record TurnoverMinutes(
    [property: Id(0)] int Day,
    [property: Id(1)] IReadOnlyList<long> Today,
    [property: Id(2)] IReadOnlyList<long> Yesterday);
