namespace TaobaoLive.Domain.Time;

/// <summary>
/// Turnover per minute of the current business day and of the day before, built from successive
/// readings of today's running total: each reading adds its increase (a refund's decrease) to the
/// minute it was taken in. A new business day moves today to yesterday (or clears yesterday when a
/// day was skipped). Minutes are China Standard Time minutes of the business day, 0 to 1439.
/// </summary>
public sealed class MinuteSeries
{
    public const int MinutesPerDay = 24 * 60;

    private long[] _today = new long[MinutesPerDay];
    private long[] _yesterday = new long[MinutesPerDay];
    private long _lastTotal;

    /// <summary>The business day <see cref="Today"/> belongs to; <see cref="int.MinValue"/> before the first reading.</summary>
    public int Day { get; private set; } = int.MinValue;

    public IReadOnlyList<long> Today => _today;

    /// <summary>
    /// When the first reading was taken (null before it): minutes before it are unknown rather than
    /// zero, since that first reading puts the whole day so far into its own minute.
    /// </summary>
    public DateTimeOffset? FirstReading { get; private set; }

    public IReadOnlyList<long> Yesterday => _yesterday;

    /// <summary>Takes a reading: <paramref name="todayTotalFen"/> is the day's running total at <paramref name="now"/>.</summary>
    public void Record(DateTimeOffset now, long todayTotalFen)
    {
        var day = BusinessCalendar.DayOf(now);
        if (day < Day)
        {
            return; // a late reading for a day already closed
        }

        FirstReading ??= now;
        if (day != Day)
        {
            _yesterday = day == Day + 1 ? _today : new long[MinutesPerDay];
            _today = new long[MinutesPerDay];
            _lastTotal = 0;
            Day = day;
        }

        _today[MinuteOf(now)] += todayTotalFen - _lastTotal;
        _lastTotal = todayTotalFen;
    }

    /// <summary>Minute of the business day (China Standard Time), 0 to 1439.</summary>
    public static int MinuteOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(BusinessCalendar.ChinaOffset);
        return (local.Hour * 60) + local.Minute;
    }
}
