using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Tests.Persistence;

public sealed class CoalescedReadsTests
{
    [Fact]
    public async Task Requests_during_a_read_share_the_next_read_and_each_gets_its_key()
    {
        var reads = new Reads();
        var coalesced = new CoalescedReads<IReadOnlySet<string>>(reads.Read);

        var a = coalesced.After("a");
        var b = coalesced.After("b");
        var c = coalesced.After("c");
        reads.FinishFirst();

        Assert.Equal(["a"], await a);
        Assert.Equal(["b", "c"], (await b).Order());
        Assert.Same(await b, await c);
        Assert.Equal(2, reads.Count);
    }

    /// <summary>
    /// The running read has ended but the queued one has not started yet (its start waits for a
    /// thread): a request in that moment must join the queued read, not start one that takes the
    /// queued requests' keys and leaves the queued read with none.
    /// </summary>
    [Fact]
    public async Task A_request_between_the_end_of_a_read_and_the_start_of_the_queued_one_joins_the_queued_one()
    {
        var reads = new Reads();
        var starts = new HeldScheduler();
        var coalesced = new CoalescedReads<IReadOnlySet<string>>(reads.Read, starts);

        var first = coalesced.After("a");
        var queued = coalesced.After("b");
        reads.FinishFirst();
        await first;
        Assert.True(SpinWait.SpinUntil(() => starts.Held == 1, TimeSpan.FromSeconds(10)), "the queued read's start is held");

        var late = coalesced.After("c");
        starts.RunHeld();

        Assert.Equal(["b", "c"], (await queued).Order());
        Assert.Same(await queued, await late);
        Assert.Equal(2, reads.Count);
    }

    /// <summary>Reads whose first one ends when the test says; the others end at once. Each returns the keys it was given.</summary>
    private sealed class Reads
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public async Task<IReadOnlySet<string>> Read(HashSet<string> wanted)
        {
            if (Interlocked.Increment(ref _count) == 1)
            {
                await _first.Task;
            }

            return new HashSet<string>(wanted);
        }

        public void FinishFirst() => _first.SetResult();
    }

    /// <summary>Holds the tasks queued to it until <see cref="RunHeld"/>.</summary>
    private sealed class HeldScheduler : TaskScheduler
    {
        private readonly List<Task> _held = [];

        public int Held
        {
            get
            {
                lock (_held)
                {
                    return _held.Count;
                }
            }
        }

        public void RunHeld()
        {
            Task[] run;
            lock (_held)
            {
                run = [.. _held];
                _held.Clear();
            }

            foreach (var task in run)
            {
                TryExecuteTask(task);
            }
        }

        protected override void QueueTask(Task task)
        {
            lock (_held)
            {
                _held.Add(task);
            }
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks()
        {
            lock (_held)
            {
                return [.. _held];
            }
        }
    }
}
