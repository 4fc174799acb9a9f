using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Tests.Persistence;

/// <summary>The silo's clock for shops' timed writes: due writes fire once, oldest first, within the budget.</summary>
public sealed class WriteWheelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 11, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_write_fires_once_after_its_due_time_and_not_before()
    {
        var time = new FakeTimeProvider(Start);
        using var wheel = new WriteWheel(time, maxPerSecond: 100);
        var write = new RecordedWrite();
        wheel.Schedule(write, arm: 1, TimeSpan.FromSeconds(15));

        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(write.Fired);
        Assert.Equal(1, wheel.Pending);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1L], write.Fired);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([1L], write.Fired);
        Assert.Equal(0, wheel.Pending);
    }

    [Fact]
    public void Writes_beyond_the_budget_wait_and_the_oldest_go_first()
    {
        var time = new FakeTimeProvider(Start);
        using var wheel = new WriteWheel(time, maxPerSecond: 2);
        var order = new List<string>();
        wheel.Schedule(new RecordedWrite("a", order), 1, TimeSpan.FromSeconds(5));
        wheel.Schedule(new RecordedWrite("b", order), 1, TimeSpan.FromSeconds(5));
        wheel.Schedule(new RecordedWrite("c", order), 1, TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(1));
        wheel.Schedule(new RecordedWrite("d", order), 1, TimeSpan.FromSeconds(5));
        wheel.Schedule(new RecordedWrite("e", order), 1, TimeSpan.FromSeconds(5));

        // One second at a time: the fake clock shows every tick of a longer jump its end time.
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["a", "b"], order);
        time.Advance(TimeSpan.FromSeconds(1));
        // c was due a second before d and e: it goes first, and d with it.
        Assert.Equal(["a", "b", "c", "d"], order);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a", "b", "c", "d", "e"], order);
        Assert.Equal(0, wheel.Pending);
    }

    [Fact]
    public void A_scheduler_that_throws_does_not_stop_the_other_writes()
    {
        var time = new FakeTimeProvider(Start);
        using var wheel = new WriteWheel(time, maxPerSecond: 10);
        var after = new RecordedWrite();
        wheel.Schedule(new ThrowingWrite(), 1, TimeSpan.FromSeconds(1));
        wheel.Schedule(after, 7, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([7L], after.Fired);
    }

    private sealed class RecordedWrite(string name = "", List<string>? order = null) : IWheelWrite
    {
        public List<long> Fired { get; } = [];

        public void Fire(long arm)
        {
            Fired.Add(arm);
            order?.Add(name);
        }
    }

    private sealed class ThrowingWrite : IWheelWrite
    {
        public void Fire(long arm) => throw new InvalidOperationException("the grain is gone");
    }
}
