using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Time;

public sealed class MinuteSeriesTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 11, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Increases_of_the_running_total_land_in_the_minute_they_were_read()
    {
        var series = new MinuteSeries();
        series.Record(Midnight.AddSeconds(5), 100);
        series.Record(Midnight.AddSeconds(50), 250);
        series.Record(Midnight.AddMinutes(61).AddSeconds(1), 1_000);

        Assert.Equal(BusinessCalendar.DayOf(Midnight), series.Day);
        Assert.Equal(250, series.Today[0]);
        Assert.Equal(750, series.Today[61]);
        Assert.Equal(1_000, series.Today.Sum());
        Assert.All(series.Yesterday, v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_refund_lowers_its_minute()
    {
        var series = new MinuteSeries();
        series.Record(Midnight.AddMinutes(10), 500);
        series.Record(Midnight.AddMinutes(11), 300);

        Assert.Equal((500, -200), (series.Today[10], series.Today[11]));
    }

    [Fact]
    public void The_next_business_day_moves_today_to_yesterday_and_starts_from_zero()
    {
        var series = new MinuteSeries();
        series.Record(Midnight.AddHours(23).AddMinutes(59), 900);
        series.Record(Midnight.AddDays(1).AddMinutes(2), 40);

        Assert.Equal(900, series.Yesterday[MinuteSeries.MinutesPerDay - 1]);
        Assert.Equal(40, series.Today[2]);
        Assert.Equal(40, series.Today.Sum());
    }

    [Fact]
    public void A_skipped_day_leaves_yesterday_empty_and_a_late_reading_for_a_closed_day_is_ignored()
    {
        var series = new MinuteSeries();
        series.Record(Midnight.AddHours(1), 900);
        series.Record(Midnight.AddDays(2).AddHours(1), 30);
        series.Record(Midnight.AddDays(1).AddHours(1), 77);

        Assert.Equal(BusinessCalendar.DayOf(Midnight) + 2, series.Day);
        Assert.All(series.Yesterday, v => Assert.Equal(0, v));
        Assert.Equal(30, series.Today.Sum());
    }

    [Theory]
    [InlineData("2026-11-11T00:00:00+08:00", 0)]
    [InlineData("2026-11-10T16:00:00Z", 0)]
    [InlineData("2026-11-11T15:59:59Z", 1439)]
    [InlineData("2026-11-11T12:30:00+08:00", 750)]
    public void Minutes_are_China_Standard_Time_minutes_of_the_day(string instant, int minute) =>
        Assert.Equal(minute, MinuteSeries.MinuteOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_first_reading_marks_where_the_series_knows_anything()
    {
        var series = new MinuteSeries();
        Assert.Null(series.FirstReading);

        series.Record(Midnight.AddMinutes(90), 700);
        series.Record(Midnight.AddMinutes(95), 800);
        series.Record(Midnight.AddDays(1).AddMinutes(3), 10);

        Assert.Equal(Midnight.AddMinutes(90), series.FirstReading);
        Assert.Equal(700, series.Yesterday[90]);
    }
}
