using Orleans.Storage;
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
    private bool _deactivating;

    // Another activation wrote the state (the version check refused this one's write): nothing this
    // activation holds may be written over it, so it writes no more and deactivates.
    private bool _stale;

    public bool IsDirty => _dirty;

    public void MarkDirty()
    {
        if (_stale)
        {
            // A call that reached this activation before its deactivation began: its effects are
            // owed like the rest (the keeper's replay reads the journal after this).
            if (tracker is not null && _dirtySince is null)
            {
                _dirtySince = tracker.Dirty();
                tracker.Owe(grain.GrainContext.GrainId, _dirtySince.Value);
            }

            return;
        }

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
        _deactivating = true;
        if (_stale)
        {
            return Task.CompletedTask;
        }

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
        catch (InconsistentStateException) when (_stale)
        {
            // Owed to the journal keeper and deactivating (see WriteAsync).
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
        if (!_dirty || _stale)
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
        catch (Exception exception) when (tracker is not null && (exception is InconsistentStateException || _deactivating))
        {
            // This activation's effects will not reach storage through it. They are all in the order
            // journal, kept while the silo's mark stands: the silo owes them, and its journal keeper
            // replays the journal to the shop's live activation before the mark is released.
            if (_dirtySince is { } since)
            {
                tracker.Owe(grain.GrainContext.GrainId, since);
                _dirtySince = null;
            }

            if (exception is InconsistentStateException && !_stale)
            {
                _stale = true;
                grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "another activation wrote this grain's state"));
            }

            throw;
        }
        catch
        {
            // Keep the change: the next timer tries again.
            MarkDirty();
            throw;
        }
    }
}
