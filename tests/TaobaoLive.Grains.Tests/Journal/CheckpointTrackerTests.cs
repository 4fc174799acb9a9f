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

    [Fact]
    public void An_owed_mark_holds_coverage_until_settled_with_the_count_read()
    {
        var start = new DateTimeOffset(2026, 11, 11, 0, 0, 10, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var tracker = new CheckpointTracker(time);
        var shop = GrainId.Create("shop", "s-1");

        var token = tracker.Dirty();
        tracker.Owe(shop, token);
        var again = tracker.Dirty();
        tracker.Owe(shop, again);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(start, tracker.CoveredBefore);
        var owed = Assert.Single(tracker.Owed);
        Assert.Equal((shop, token, 2), owed);

        // Owed once more after the keeper read the list: that one stays until the next round.
        var late = tracker.Dirty();
        tracker.Owe(shop, late);
        Assert.Equal(start, tracker.CoveredBefore);
        tracker.Settle(shop, owed.Token, owed.Count);
        Assert.Equal(start + TimeSpan.FromSeconds(5), tracker.CoveredBefore);
        Assert.Equal(1, tracker.DirtyCount);
        tracker.Settle(shop, late, Assert.Single(tracker.Owed).Count);
        Assert.Equal(time.GetUtcNow(), tracker.CoveredBefore);
        Assert.Empty(tracker.Owed);
    }

    [Fact]
    public void A_replayed_change_counts_as_unwritten_since_its_entry_was_first_applied()
    {
        var now = new DateTimeOffset(2026, 11, 11, 0, 1, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var tracker = new CheckpointTracker(time);

        // Entries applied 40 s ago on a silo that died, replayed now: the journal must keep them
        // until this silo writes, so its mark goes back to when they were applied.
        var replayed = tracker.Dirty(now.AddSeconds(-40));
        Assert.Equal(now.AddSeconds(-40), tracker.CoveredBefore);

        // A time ahead of this silo's clock (another machine's) never moves the mark past now.
        var ahead = tracker.Dirty(now.AddSeconds(5));
        Assert.Equal(now.ToUnixTimeSeconds(), ahead);
        tracker.Written(replayed);
        Assert.Equal(now, tracker.CoveredBefore);
        tracker.Written(ahead);
        Assert.Equal(0, tracker.DirtyCount);
    }
}
