using Microsoft.Extensions.Options;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Every push interval, takes the watched topics once and hands them to the leaderboard and the
/// region-number pushers; a failure of one is logged and left to the next interval, and does not
/// hold the other back.
/// </summary>
public sealed partial class LivePusher(
    LiveSubscriptions subscriptions,
    LeaderboardPusher leaderboards,
    RegionNumbersPusher numbers,
    IOptions<PlatformHostOptions> options,
    TimeProvider time,
    ILogger<LivePusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.LivePushInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var topics = subscriptions.TakeSnapshot();
                await Attempt(leaderboards.Push(topics));
                await Attempt(numbers.Push(topics));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Attempt(Task push)
    {
        try
        {
            await push;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPushFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: reading or pushing region numbers or leaderboards failed; next interval retries")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
