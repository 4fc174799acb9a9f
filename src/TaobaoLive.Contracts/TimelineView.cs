namespace TaobaoLive.Contracts;

/// <summary>
/// The country's turnover per minute (yuan) of business day <see cref="Date"/> up to
/// <see cref="Minute"/> (now), and all 1,440 minutes of the day before; minute 0 is 00:00 China
/// Standard Time. Counted since the country grain was activated: minutes of either day before
/// <see cref="TodayFrom"/> / <see cref="YesterdayFrom"/> are unknown (null: none of that day is known).
/// <see cref="DayStart"/> holds the country's counts as today began, so the change today is the
/// count now minus its value there.
/// </summary>
public sealed record TimelineView(
    DateOnly Date,
    int Minute,
    IReadOnlyList<decimal> Today,
    IReadOnlyList<decimal> Yesterday,
    int? TodayFrom,
    int? YesterdayFrom,
    DayStartCounts DayStart);
