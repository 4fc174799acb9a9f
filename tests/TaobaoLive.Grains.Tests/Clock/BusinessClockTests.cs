using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Tests.Clock;

public sealed class BusinessClockTests
{
    private static BusinessClock Create(ClockMode mode, FakeTimeProvider time) =>
        new(time, Options.Create(new TaobaoLiveOptions { Clock = mode }));

    [Fact]
    public void Wall_clock_is_the_time_provider_and_ignores_order_times()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 16, 0, 0, TimeSpan.Zero));
        var clock = Create(ClockMode.Wall, time);

        Assert.False(clock.Observe(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(time.GetUtcNow(), clock.Now);
        Assert.Equal(BusinessCalendar.DayOf(new DateOnly(2026, 11, 11)), clock.Today);
        Assert.Equal(time.GetUtcNow().AddMinutes(5), clock.LatestAcceptable);
    }

    [Fact]
    public void Event_clock_follows_the_newest_paid_at_and_never_goes_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var clock = Create(ClockMode.Event, time);
        var first = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(DateTimeOffset.UnixEpoch, clock.Now);
        Assert.True(clock.Observe(first));
        Assert.False(clock.Observe(first.AddDays(-3)));
        Assert.Equal(first, clock.Now);
        Assert.True(clock.Observe(first.AddSeconds(1)));
        Assert.Equal(first.AddSeconds(1), clock.Now);
        // Ingest is still bounded by wall time, not by the replay's clock.
        Assert.Equal(time.GetUtcNow().AddMinutes(5), clock.LatestAcceptable);
    }
}
