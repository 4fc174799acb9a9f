using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Time;

public sealed class BusinessCalendarTests
{
    [Theory]
    [InlineData("2026-11-10T15:59:59.9999999Z", "2026-11-10")]
    [InlineData("2026-11-10T16:00:00Z", "2026-11-11")]
    [InlineData("2026-11-11T00:00:00+08:00", "2026-11-11")]
    [InlineData("2026-11-10T23:59:59+08:00", "2026-11-10")]
    [InlineData("2026-11-10T21:00:00+05:00", "2026-11-11")]
    [InlineData("2026-11-10T20:59:59+05:00", "2026-11-10")]
    [InlineData("1970-01-01T00:00:00+08:00", "1970-01-01")]
    [InlineData("1969-12-31T15:59:59Z", "1969-12-31")]
    [InlineData("1969-12-31T16:00:00Z", "1970-01-01")]
    [InlineData("1960-06-01T12:00:00+08:00", "1960-06-01")]
    public void Business_days_are_China_Standard_Time_dates(string instant, string date)
    {
        var day = BusinessCalendar.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), BusinessCalendar.DateOf(day));
        Assert.Equal(day, BusinessCalendar.DayOf(BusinessCalendar.DateOf(day)));
    }

    [Fact]
    public void Day_numbers_count_from_1970()
    {
        Assert.Equal(0, BusinessCalendar.DayOf(new DateOnly(1970, 1, 1)));
        Assert.Equal(-1, BusinessCalendar.DayOf(new DateOnly(1969, 12, 31)));
        Assert.Equal(20_403, BusinessCalendar.DayOf(new DateOnly(2025, 11, 11)));
    }

    [Fact]
    public void Start_of_a_day_is_midnight_in_China_and_round_trips()
    {
        var day = BusinessCalendar.DayOf(new DateOnly(2026, 11, 11));
        var start = BusinessCalendar.StartOf(day);

        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.FromHours(8)), start);
        Assert.Equal(TimeSpan.FromHours(8), start.Offset);
        Assert.Equal(day, BusinessCalendar.DayOf(start));
        Assert.Equal(day - 1, BusinessCalendar.DayOf(start.AddTicks(-1)));
        Assert.Equal(-1, BusinessCalendar.DayOf(BusinessCalendar.StartOf(-1)));
    }
}
