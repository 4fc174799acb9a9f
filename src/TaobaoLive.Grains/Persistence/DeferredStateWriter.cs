using Orleans.Storage;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// Writes a grain's state at most once per interval while it is dirty (no interval: only on
/// deactivation, see <see cref="StateWritePolicy"/>), and on deactivation; never once per order (PostgreSQL manages a few thousand row writes a second, the ingest far more).
/// </summary>
/// <remarks>
/// <para>Without a <see cref="WriteWheel"/>: one grain timer per activation, created on the first
/// change and re-armed (one-shot, through <see cref="IGrainTimer.Change"/>) by the first change after
/// each write (a timer created and disposed per write was 20,000 timer registrations a second). A
/// change made while the timer's write runs re-arms it for after the write (Orleans defers the change
/// to the tick's end). The callback never disposes its own timer: that cancels the token the running
/// write holds.</para>
/// <para>With a <see cref="WriteWheel"/> (shops on the durable store): the first change after each
/// write puts the write on the silo's wheel, which queues it on the grain's scheduler when due; there
/// it runs interleaved with the grain's calls. A disarm (a write made meanwhile, deactivation) bumps
/// the arm number, and a wheel entry of an older arm does nothing.</para>
/// <para>With a <see cref="CheckpointTracker"/> the silo knows how old the oldest unwritten change is (the
/// journal keeper truncates only what every silo has written).</para>
/// <para>Interleaved (on the wheel) the timed write does not hold the grain: orders keep being
/// applied while PostgreSQL answers. Otherwise every shop stopped taking orders for the length of a
/// batched round trip every interval, and a 1,000-order batch that touches 1,000 shops nearly always
/// met one of them. So a grain whose calls interleave with its writes gives a <c>snapshot</c>: a copy
/// of its state taken as the write starts, which is what the write stores. Orleans' storage bridge
/// serializes the state a scheduler turn after the write is asked for (it yields first), and the
/// grain's next call can run in that turn: without the copy a shop stored counters and journal marks
/// of orders whose day turnover the write had already taken, and a crash skipped their turnover.</para>
/// <para>A write refused because another activation wrote the state (<see cref="InconsistentStateException"/>)
/// makes this activation stale, for every kind of grain: it writes no more and deactivates, and the
/// next activation starts from what is stored (a parent rebuilds from its children; a shop's journal
/// entries are owed to it through the tracker; a parent's <c>stale</c> callback tells the silo, whose
/// journal keeper has the regions rebuild once the cluster is quiet: the live activation lacks the
/// reports this one took). Retrying would be refused forever.</para>
/// </remarks>
internal sealed class DeferredStateWriter<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan? interval, Action? beforeWrite = null, CheckpointTracker? tracker = null, WriteWheel? wheel = null, Func<TState>? snapshot = null, Action? stale = null)
    : IWheelWrite
{
    // The write under way, if any: writes go one at a time (an interleaved timer write can still be
    // running when a flush or a deactivation asks for the next one).
    private Task? _inFlight;
    private IGrainTimer? _timer;
    private bool _armed;

    // Numbers the wheel arms: an entry of an older arm finds its write done or re-armed.
    private long _arm;
    private bool _dirty;
    private long? _dirtySince;
    private bool _deactivating;

    // Another activation wrote the state (the version check refused this one's write): nothing this
    // activation holds may be written over it, so it writes no more and deactivates.
    private bool _stale;

    public bool IsDirty => _dirty;

    /// <summary>
    /// Something changed that the next write must store. <paramref name="appliedAt"/>: the change is
    /// a journal entry's that was first applied then (a replay); the silo's covered mark is held back
    /// to it, so the journal keeps the entry until this activation has written it.
    /// </summary>
    public void MarkDirty(DateTimeOffset? appliedAt = null)
    {
        if (_stale)
        {
            // A call that reached this activation before its deactivation began: its effects are
            // owed like the rest (the keeper's replay reads the journal after this).
            if (tracker is not null && _dirtySince is null)
            {
                _dirtySince = tracker.Dirty(appliedAt);
                tracker.Owe(grain.GrainContext.GrainId, _dirtySince.Value);
            }

            return;
        }

        _dirty = true;
        if (tracker is not null)
        {
            if (_dirtySince is null)
            {
                _dirtySince = tracker.Dirty(appliedAt);
            }
            else if (appliedAt is { } at && at.ToUnixTimeSeconds() < _dirtySince.Value)
            {
                // Unwritten since earlier than the token held: the older token replaces it.
                var older = tracker.Dirty(at);
                tracker.Written(_dirtySince.Value);
                _dirtySince = older;
            }
        }

        if (interval is { } due && !_armed)
        {
            _armed = true;
            if (wheel is not null)
            {
                wheel.Schedule(this, ++_arm, due);
            }
            else if (_timer is null)
            {
                _timer = grain.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
            }
            else
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Disarm()
    {
        if (_armed)
        {
            _armed = false;
            _arm++;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The wheel's thread: the write runs on the grain's scheduler, between its calls.</summary>
    void IWheelWrite.Fire(long arm) =>
        grain.GrainContext.Scheduler.QueueAction(static fired => ((WheelFired)fired).Writer.OnWheel(((WheelFired)fired).Arm), new WheelFired(this, arm));

    private void OnWheel(long arm)
    {
        if (arm != _arm || !_armed || _deactivating)
        {
            return;
        }

        _ = WheelWriteAsync();
    }

    private async Task WheelWriteAsync()
    {
        try
        {
            await OnTimerAsync(CancellationToken.None);
        }
        catch
        {
            // WriteAsync kept the change and armed again; nothing waits on this write to hear of it.
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
            Disarm();
            return Task.CompletedTask;
        }

        return force ? WriteNowAsync(cancellationToken) : WriteIfDirtyAsync(cancellationToken);
    }

    /// <summary>Writes now if anything changed since the last write (shutdown of the outbox, explicit flush).</summary>
    public async Task WriteIfDirtyAsync(CancellationToken cancellationToken = default)
    {
        Disarm();
        await WriteAsync(cancellationToken);
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        // Fired: a change from here on (during the write included) arms it again.
        _armed = false;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // The write made this activation stale and it is deactivating; a shop's effects are owed
            // to the journal keeper (see WriteAsync).
        }
        catch (StateStoreUnavailableException)
        {
            // The store logged it (once per interval, with a count); the change is kept and the
            // re-armed timer tries again.
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        while (_inFlight is { } running)
        {
            try
            {
                await running;
            }
            catch
            {
                // Its own caller handles its failure; this write starts after it either way.
            }
        }

        if (!_dirty || _stale)
        {
            return;
        }

        // Changes from here on (while the write is under way) are the next write's, under a token of their own.
        _dirty = false;
        var since = _dirtySince;
        _dirtySince = null;
        beforeWrite?.Invoke();
        if (snapshot is not null)
        {
            state.State = snapshot();
        }

        Task? write = null;
        try
        {
            write = state.WriteStateAsync(cancellationToken);
            _inFlight = write;
            await write;
            if (tracker is not null && since is { } written)
            {
                tracker.Written(written);
            }
        }
        catch (Exception exception) when (exception is InconsistentStateException || (tracker is not null && _deactivating))
        {
            // This activation's effects will not reach storage through it. A shop's are all in the
            // order journal, kept while the silo's mark stands: the silo owes them, and its journal
            // keeper replays the journal to the shop's live activation before the mark is released.
            // A parent's next activation rebuilds from its children; its live one is told by a
            // rebuild the keeper has the regions make once the cluster is quiet (the stale callback).
            KeepUnwritten(since);
            if (tracker is not null && _dirtySince is { } owed)
            {
                tracker.Owe(grain.GrainContext.GrainId, owed);
                _dirtySince = null;
            }

            if (exception is InconsistentStateException && !_stale)
            {
                _stale = true;
                stale?.Invoke();
                Disarm();
                grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "another activation wrote this grain's state"));
            }

            throw;
        }
        catch
        {
            // Keep the change: the next timer tries again.
            KeepUnwritten(since);
            MarkDirty();
            throw;
        }
        finally
        {
            if (write is not null && ReferenceEquals(_inFlight, write))
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>
    /// A write that failed leaves its changes unwritten since <paramref name="since"/>; a token taken
    /// by changes made meanwhile is covered by that older one and released.
    /// </summary>
    private void KeepUnwritten(long? since)
    {
        if (tracker is null || since is not { } oldest)
        {
            return;
        }

        if (_dirtySince is { } newer)
        {
            tracker.Written(newer);
        }

        _dirtySince = oldest;
    }

    private sealed record WheelFired(DeferredStateWriter<TState> Writer, long Arm);
}
