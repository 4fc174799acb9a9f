using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// Writes a grain's state at most once per interval while it is dirty (no interval: only on
/// deactivation, see <see cref="StateWritePolicy"/>), and on deactivation; never once per order (PostgreSQL manages a few thousand row writes a second, the ingest far more).
/// </summary>
/// <remarks>
/// The timer is one-shot and armed by the first change after a write. Its callback must not dispose
/// the timer before writing: disposing a grain timer cancels the token its running callback holds,
/// which would cancel the very write it is making.
/// </remarks>
/// <para>With a <see cref="CheckpointTracker"/> the silo knows how old the oldest unwritten change is (the
/// journal keeper truncates only what every silo has written).</para>
internal sealed class DeferredStateWriter<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan? interval, Action? beforeWrite = null, CheckpointTracker? tracker = null)
{
    private IGrainTimer? _timer;
    private bool _dirty;
    private long? _dirtySince;

    public bool IsDirty => _dirty;

    public void MarkDirty()
    {
        _dirty = true;
        if (tracker is not null && _dirtySince is null)
        {
            _dirtySince = tracker.Dirty();
        }

        if (interval is { } due)
        {
            _timer ??= grain.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Writes now whether or not anything changed (a flag that must reach storage).</summary>
    public Task WriteNowAsync(CancellationToken cancellationToken = default)
    {
        _dirty = true;
        return WriteIfDirtyAsync(cancellationToken);
    }

    /// <summary>
    /// The write a deactivation owes. With no interval (the in-memory store, one silo) a silo that is
    /// shutting down writes nothing: the store goes with the process, and its storage grains may
    /// already be gone (a loaded host logged one failed write per dirty shop, 34,000 stack traces).
    /// </summary>
    public Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken, bool force = false)
    {
        if (interval is null && reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            _timer?.Dispose();
            _timer = null;
            return Task.CompletedTask;
        }

        return force ? WriteNowAsync(cancellationToken) : WriteIfDirtyAsync(cancellationToken);
    }

    /// <summary>Writes now if anything changed since the last write (shutdown of the outbox, explicit flush).</summary>
    public async Task WriteIfDirtyAsync(CancellationToken cancellationToken = default)
    {
        _timer?.Dispose();
        _timer = null;
        await WriteAsync(cancellationToken);
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        var fired = _timer;
        _timer = null;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (StateStoreUnavailableException)
        {
            // The store logged it (once per interval, with a count); the change is kept and the
            // re-armed timer tries again.
        }
        finally
        {
            fired?.Dispose();
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        beforeWrite?.Invoke();
        try
        {
            await state.WriteStateAsync(cancellationToken);
            if (tracker is not null && _dirtySince is { } since && !_dirty)
            {
                tracker.Written(since);
                _dirtySince = null;
            }
        }
        catch
        {
            // Keep the change: the next timer tries again.
            MarkDirty();
            throw;
        }
    }
}
