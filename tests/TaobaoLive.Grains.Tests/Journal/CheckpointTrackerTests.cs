using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Grains.Tests.Journal;

public sealed class CheckpointTrackerTests
{
    [Fact]
    public void Covered_before_is_the_oldest_unwritten_change_or_now()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 10, TimeSpan.Zero));
        var tracker = new CheckpointTracker(time);
        Assert.Equal(time.GetUtcNow(), tracker.CoveredBefore);

        var first = tracker.Dirty();
        time.Advance(TimeSpan.FromSeconds(3));
        var second = tracker.Dirty();
        var third = tracker.Dirty();
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 10, TimeSpan.Zero), tracker.CoveredBefore);
        Assert.Equal(3, tracker.DirtyCount);

        tracker.Written(first);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 13, TimeSpan.Zero), tracker.CoveredBefore);
        tracker.Written(second);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 13, TimeSpan.Zero), tracker.CoveredBefore);
        tracker.Written(third);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(time.GetUtcNow(), tracker.CoveredBefore);
        Assert.Equal(0, tracker.DirtyCount);
    }
}
