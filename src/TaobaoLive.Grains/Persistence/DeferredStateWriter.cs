namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// Writes a grain's state at most once per interval while it is dirty, and on deactivation; never
/// once per order (PostgreSQL manages a few thousand row writes a second, the ingest far more).
/// </summary>
internal sealed class DeferredStateWriter<TState>(IGrainBase grain, IPersistentState<TState> state, TimeSpan interval, Action? beforeWrite = null)
{
    private IGrainTimer? _timer;
    private bool _dirty;

    public void MarkDirty()
    {
        _dirty = true;
        _timer ??= grain.RegisterGrainTimer(WriteIfDirtyAsync, new GrainTimerCreationOptions(interval, Timeout.InfiniteTimeSpan));
    }

    public async Task WriteIfDirtyAsync(CancellationToken cancellationToken = default)
    {
        _timer?.Dispose();
        _timer = null;
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        beforeWrite?.Invoke();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            MarkDirty();
            throw;
        }
    }
}
