using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Keeps this host's <see cref="StatusRelay"/> registered with <see cref="ILiveFeedGrain"/>, naming
/// the silo it runs on (the feed drops it when the cluster declares that silo dead) and renewing it
/// on a timer (it also lapses after four missed renewals); unregisters at shutdown.
/// </summary>
public sealed partial class LiveFeedRegistration(
    IGrainFactory grains,
    StatusRelay relay,
    ILocalSiloDetails silo,
    SiloReadiness readiness,
    IOptions<PlatformHostOptions> options,
    TimeProvider time,
    ILogger<LiveFeedRegistration> logger) : BackgroundService
{
    /// <summary>After a failed registration, how soon to try again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private ILiveFeedObserver? _reference;

    private ILiveFeedGrain Feed => grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not { } reference)
        {
            return;
        }

        try
        {
            await Feed.Unsubscribe(reference).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's stop ran out of time, or the silo cancelled the call as it stopped.
            // Thrown from here it failed the host's whole stop: SIGTERM ended with a crash
            // (exit 139) instead of 0 (the compose cluster test's rolling restart).
        }
        catch (Exception exception)
        {
            // The registration lapses by itself; this only shortens the wait.
            LogUnsubscribeFailed(logger, exception);
        }

        _reference = null;
        try
        {
            grains.DeleteObjectReference<ILiveFeedObserver>(reference);
        }
        catch (ArgumentException)
        {
            // When the silo has already stopped, its client has dropped every local object
            // reference with it: nothing is left to delete.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenActive.WaitAsync(stoppingToken);
            _reference = grains.CreateObjectReference<ILiveFeedObserver>(relay);
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Value.LiveFeedRenewInterval;
                try
                {
                    // A registration outlives four missed renewals.
                    await Feed.Subscribe(_reference, silo.SiloAddress, wait * 4);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewFailed(logger, exception);
                    wait = RetryInterval;
                }

                await Task.Delay(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: registration with the feed grain failed; retrying")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed: unregistering at shutdown failed; the registration will expire")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
