using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Time;

public sealed class TrailingWindowTests
{
    [Fact]
    public void The_annual_window_holds_today_and_the_364_days_before()
    {
        var window = TrailingWindow.Annual;

        Assert.Equal(365, window.Days);
        Assert.Equal(1000 - 364, window.FirstDay(1000));
        Assert.True(window.Contains(1000, 1000));
        Assert.True(window.Contains(1000 - 364, 1000));
        Assert.False(window.Contains(1000 - 365, 1000));
        Assert.False(window.Contains(1001, 1000));
    }

    [Fact]
    public void The_day_the_window_slides_an_amount_drops_out()
    {
        var ledger = new DayLedger();
        ledger.Add(100, 5_00);

        Assert.Equal(5_00, ledger.SumWithin(TrailingWindow.Annual, 100 + 364));
        Assert.Equal(0, ledger.SumWithin(TrailingWindow.Annual, 100 + 365));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_window_has_at_least_one_day(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrailingWindow(days));
}
