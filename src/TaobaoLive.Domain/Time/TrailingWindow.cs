namespace TaobaoLive.Domain.Time;

/// <summary>A trailing window of <see cref="Days"/> business days ending on, and including, today.</summary>
public readonly record struct TrailingWindow
{
    public TrailingWindow(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        Days = days;
    }

    /// <summary>"Annual turnover is the trailing 365 days ending at the current clock" (DESIGN.md).</summary>
    public static TrailingWindow Annual { get; } = new(365);

    public int Days { get; }

    public int FirstDay(int today) => today - Days + 1;

    public bool Contains(int day, int today) => FirstDay(today) <= day && day <= today;
}
