using Microsoft.Extensions.Options;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Health;

/// <summary>
/// The first step of a stop: readiness turns false (<see cref="Draining"/>), then the host waits
/// <see cref="PlatformHostOptions.ShutdownDrainDelay"/> before anything stops, so balancers that
/// poll readiness take this host out while it still serves and requests already on their way still
/// find it. The host's stop token (its shutdown timeout) cuts the wait short. (The generic host
/// calls every <see cref="IHostedLifecycleService.StoppingAsync"/> before it signals
/// ApplicationStopping, so the flag is set here rather than read from the application lifetime.)
/// </summary>
public sealed class ShutdownDrain(IOptions<PlatformHostOptions> options, TimeProvider time) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>True from the moment the host is asked to stop.</summary>
    public bool Draining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.ShutdownDrainDelay;
        // A host is stopped once; a second stop (a disposing test host) does not drain again.
        var first = !_draining;
        _draining = true;
        if (!first || delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout (or whoever stops the host) decided the drain is over.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
