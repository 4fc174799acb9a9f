namespace TaobaoLive.Host.Hosting;

/// <summary>True once the silo is active (and so the geography, which it needs, is loaded).</summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>Completes when the silo first becomes active.</summary>
    public Task WhenActive => _active.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SiloReadiness),
            ServiceLifecycleStage.Active + 10,
            _ =>
            {
                _ready = true;
                _active.TrySetResult();
                return Task.CompletedTask;
            },
            _ => { _ready = false; return Task.CompletedTask; });
}
