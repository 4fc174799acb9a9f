using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Tests.Persistence;

/// <summary>
/// Writes go one at a time, and the checkpoint tracker hears of a change only once a write that
/// holds it has succeeded: changes made while a write is under way (a shop's timed write does not
/// hold the shop) are the next write's.
/// </summary>
public sealed class WriteOrderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 11, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_flush_during_a_write_waits_for_it_and_each_change_is_released_by_the_write_that_holds_it()
    {
        var time = new FakeTimeProvider(Start);
        var tracker = new CheckpointTracker(time);
        var state = new GatedState();
        var writer = new DeferredStateWriter<object>(null!, state, interval: null, tracker: tracker);

        writer.MarkDirty();
        var first = writer.WriteIfDirtyAsync();
        time.Advance(TimeSpan.FromSeconds(3));
        writer.MarkDirty();
        var second = writer.WriteIfDirtyAsync();

        // One write under way; the first change still unwritten, the second too.
        Assert.Equal(1, state.Started);
        Assert.Equal((2L, Start), (tracker.DirtyCount, tracker.CoveredBefore));

        state.Finish(0);
        await first;
        await Eventually.Until(() => Task.FromResult(state.Started), n => n == 2, "the second write started after the first");
        Assert.Equal((1L, Start.AddSeconds(3)), (tracker.DirtyCount, tracker.CoveredBefore));

        state.Finish(1);
        await second;
        Assert.Equal(0L, tracker.DirtyCount);
    }

    [Fact]
    public async Task A_failed_write_keeps_its_oldest_change_unwritten_and_the_retry_releases_it()
    {
        var time = new FakeTimeProvider(Start);
        var tracker = new CheckpointTracker(time);
        var state = new GatedState();
        var writer = new DeferredStateWriter<object>(null!, state, interval: null, tracker: tracker);

        writer.MarkDirty();
        var failing = writer.WriteIfDirtyAsync();
        time.Advance(TimeSpan.FromSeconds(3));
        writer.MarkDirty();
        state.Fail(0, new StateStoreUnavailableException("down", new TimeoutException()));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => failing);

        // Both changes wait under the older mark (the newer one is covered by it).
        Assert.Equal((1L, Start), (tracker.DirtyCount, tracker.CoveredBefore));
        var retry = writer.WriteIfDirtyAsync();
        state.Finish(1);
        await retry;
        Assert.Equal(0L, tracker.DirtyCount);
    }

    [Fact]
    public async Task A_replay_of_an_older_entry_into_a_dirty_shop_moves_its_mark_back_to_that_entry()
    {
        var time = new FakeTimeProvider(Start);
        var tracker = new CheckpointTracker(time);
        var state = new GatedState();
        var writer = new DeferredStateWriter<object>(null!, state, interval: null, tracker: tracker);

        writer.MarkDirty();
        Assert.Equal(Start, tracker.CoveredBefore);
        // The keeper hands the live shop an entry first applied 30 s earlier on a silo that died.
        writer.MarkDirty(Start.AddSeconds(-30));
        Assert.Equal((1L, Start.AddSeconds(-30)), (tracker.DirtyCount, tracker.CoveredBefore));
        // A later one changes nothing.
        writer.MarkDirty(Start.AddSeconds(-10));
        Assert.Equal((1L, Start.AddSeconds(-30)), (tracker.DirtyCount, tracker.CoveredBefore));

        var write = writer.WriteIfDirtyAsync();
        state.Finish(0);
        await write;
        Assert.Equal(0L, tracker.DirtyCount);
    }

    private sealed class GatedState : IPersistentState<object>
    {
        private readonly List<TaskCompletionSource> _writes = [];

        public int Started => _writes.Count;

        public object State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => true;

        public void Finish(int write) => _writes[write].SetResult();

        public void Fail(int write, Exception exception) => _writes[write].SetException(exception);

        public Task WriteStateAsync()
        {
            var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _writes.Add(write);
            return write.Task;
        }

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;
    }
}
