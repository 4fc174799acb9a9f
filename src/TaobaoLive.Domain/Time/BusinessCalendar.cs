namespace TaobaoLive.Domain.Time;

/// <summary>
/// Business days are calendar dates in China Standard Time (UTC+08:00, no daylight saving), numbered
/// as days since 1970-01-01. Turnover windows are counted in these days (DESIGN.md: event time on
/// business days in CST).
/// </summary>
public static class BusinessCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The business day of an instant given in any offset.</summary>
    public static int DayOf(DateTimeOffset instant)
    {
        var chinaTicks = instant.UtcTicks + ChinaOffset.Ticks - DateTime.UnixEpoch.Ticks;
        // Floor division in integers (days before 1970 are negative); every order is dated with this.
        var (day, rest) = Math.DivRem(chinaTicks, TimeSpan.TicksPerDay);
        return (int)(rest < 0 ? day - 1 : day);
    }

    /// <summary>Midnight China Standard Time at the start of <paramref name="day"/>, with offset +08:00.</summary>
    public static DateTimeOffset StartOf(int day) =>
        new(DateTime.UnixEpoch.Ticks + (day * TimeSpan.TicksPerDay), ChinaOffset);

    public static DateOnly DateOf(int day) => DateOnly.FromDayNumber(EpochDayNumber + day);

    public static int DayOf(DateOnly date) => date.DayNumber - EpochDayNumber;
}
