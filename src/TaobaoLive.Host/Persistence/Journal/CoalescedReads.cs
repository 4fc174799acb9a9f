namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// Requests for a read that must start after the request, served by as few reads as possible: a
/// request made while no read runs starts one; a request made during a read waits for the next
/// read, which starts when the running one ends and serves every request that queued for it. Each
/// read is given the keys its requests asked for, so it can skip the rest.
/// </summary>
/// <remarks>
/// Once a read is queued, every request joins it until it starts, even if the running read has
/// already ended: starting another read there would take the keys of the requests waiting for the
/// queued one, and the queued read, started a moment later, would have none left to serve (after a
/// restart, shops that activated in that moment replayed nothing and showed no orders).
/// </remarks>
internal sealed class CoalescedReads<TResult>(Func<HashSet<string>, Task<TResult>> read, TaskScheduler scheduler)
{
    private readonly Lock _gate = new();
    private Task<TResult>? _running;
    private Task<TResult>? _queued;

    // The keys the next read to start serves.
    private HashSet<string> _wanted = new(StringComparer.Ordinal);

    public CoalescedReads(Func<HashSet<string>, Task<TResult>> read)
        : this(read, TaskScheduler.Default)
    {
    }

    /// <summary>A read that starts after this call and serves <paramref name="key"/>.</summary>
    public Task<TResult> After(string key)
    {
        lock (_gate)
        {
            _wanted.Add(key);
            if (_queued is not null)
            {
                return _queued;
            }

            if (_running is null || _running.IsCompleted)
            {
                _running = Start();
                return _running;
            }

            _queued = _running.ContinueWith(
                _ =>
                {
                    lock (_gate)
                    {
                        _queued = null;
                        _running = Start();
                        return _running;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                scheduler).Unwrap();
            return _queued;
        }
    }

    // Under the gate: the read takes the keys wanted so far; later requests go to the next one.
    private Task<TResult> Start()
    {
        var wanted = _wanted;
        _wanted = new HashSet<string>(StringComparer.Ordinal);
        return Task.Run(() => read(wanted));
    }
}
