using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Host.Api;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// This host's end of the live feed. It registers itself with <see cref="ILiveFeedGrain"/> as an
/// observer (renewed on a timer), queues every status change it receives and sends them, one at a
/// time in arrival order, to the topics they concern; and every push interval it reads the regions
/// someone watches and sends those whose numbers changed, so a topic gets at most one
/// regionUpdated per interval, the latest value.
/// </summary>
public sealed partial class LiveFeedBridge(
    IGrainFactory grains,
    LiveOutbox outbox,
    LiveSubscriptions subscriptions,
    RegionViews views,
    Leaderboards leaderboards,
    GeographyModel geography,
    SiloReadiness readiness,
    IOptions<PlatformHostOptions> options,
    TimeProvider time,
    ILogger<LiveFeedBridge> logger,
    TaobaoLiveMetrics? metrics = null) : BackgroundService, ILiveFeedObserver
{
    /// <summary>After a failed registration, how soon to try again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    // Unbounded: a status change is never dropped; its volume is that of transitions, not orders.
    // Each batch with the Stopwatch timestamp of its arrival (push latency).
    private readonly Channel<(IReadOnlyList<StatusChanged> Changes, long Received)> _inbox = Channel.CreateUnbounded<(IReadOnlyList<StatusChanged>, long)>(
        new UnboundedChannelOptions { SingleReader = true });

    // Per topic, what was last sent (AsOf cleared: the clock moves on every read).
    private readonly Dictionary<string, RegionView> _lastPushed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<LeaderboardEntry>> _lastBoards = new(StringComparer.Ordinal);
    private ILiveFeedObserver? _reference;

    public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes)
    {
        _inbox.Writer.TryWrite((changes, System.Diagnostics.Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _inbox.Writer.TryComplete();
        if (_reference is { } reference)
        {
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
                // The registration expires by itself; this only shortens the wait.
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
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenActive.WaitAsync(stoppingToken);
            _reference = grains.CreateObjectReference<ILiveFeedObserver>(this);
            await Task.WhenAll(Renew(_reference, stoppingToken), Deliver(stoppingToken), Push(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private ILiveFeedGrain Feed => grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);

    private async Task Renew(ILiveFeedObserver reference, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.LiveFeedRenewInterval;
            try
            {
                // A registration outlives four missed renewals.
                await Feed.Subscribe(reference, wait * 4);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRenewFailed(logger, exception);
                wait = RetryInterval;
            }

            await Task.Delay(wait, time, stoppingToken);
        }
    }

    private async Task Deliver(CancellationToken stoppingToken)
    {
        await foreach (var (changes, received) in _inbox.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var change in changes)
            {
                var view = RegionViews.ToView(change);
                foreach (var topic in TopicsOf(change))
                {
                    if (subscriptions.Subscribers(topic) == 0)
                    {
                        continue;
                    }

                    outbox.Send(topic, LiveMessages.StatusChanged, topic, view);
                }
            }

            metrics?.Pushed(TaobaoLiveMetrics.Since(received));
        }
    }

    /// <summary>status; clusters for cluster events; the region of the subject (a cluster's province) and each ancestor.</summary>
    private IEnumerable<string> TopicsOf(StatusChanged change)
    {
        yield return LiveTopics.Status;
        var region = change.Subject == SubjectKind.Cluster ? geography.FindByPath(change.Path) : geography.FindById(change.SubjectId);
        if (change.Subject == SubjectKind.Cluster)
        {
            yield return LiveTopics.Clusters;
        }

        for (; region is not null; region = region.Parent)
        {
            yield return LiveTopics.ForRegion(region.Id);
        }
    }

    private async Task Push(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LivePushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PushChangedRegions(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPushFailed(logger, exception);
            }
        }
    }

    private async Task PushChangedRegions(CancellationToken stoppingToken)
    {
        var topics = subscriptions.TakeSnapshot();
        var watched = topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        // A topic nobody watches any more, or one somebody just joined, is pushed as if never sent
        // (forgotten here, before any read that might fail, so a failed tick does not lose the join).
        foreach (var stale in _lastPushed.Keys.Concat(_lastBoards.Keys).Where(topic => !watched.Contains(topic)).Concat(topics.Where(t => t.Joined).Select(t => t.Topic)).ToList())
        {
            _lastPushed.Remove(stale);
            _lastBoards.Remove(stale);
        }

        await PushChangedLeaderboards(topics.Select(t => t.Topic), stoppingToken);
        var regions = topics
            .Select(t => (t.Topic, Region: LiveTopics.RegionOf(t.Topic, geography)))
            .Where(t => t.Region is not null)
            .ToList();
        if (regions.Count == 0)
        {
            return;
        }

        var distinct = regions.Select(t => t.Region!).Distinct().ToList();
        var read = await views.Read(distinct);
        var byId = read.ToDictionary(view => view.Id, StringComparer.Ordinal);
        foreach (var (topic, region) in regions)
        {
            var view = byId[region!.Id];
            var comparable = view with { AsOf = default };
            if (_lastPushed.TryGetValue(topic, out var last) && last == comparable)
            {
                continue;
            }

            _lastPushed[topic] = comparable;
            outbox.Send(topic, LiveMessages.RegionUpdated, topic, view);
        }
    }

    /// <summary>Top 10 of every watched leaderboard, sent when the list differs from the last one sent.</summary>
    private async Task PushChangedLeaderboards(IEnumerable<string> topics, CancellationToken stoppingToken)
    {
        foreach (var topic in topics)
        {
            if (LiveTopics.LeaderboardOf(topic) is not var (board, order))
            {
                continue;
            }

            var entries = await leaderboards.Read(board, order, 10);
            if (_lastBoards.TryGetValue(topic, out var last) && last.SequenceEqual(entries))
            {
                continue;
            }

            _lastBoards[topic] = entries;
            outbox.Send(topic, LiveMessages.LeaderboardUpdated, topic, entries);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: registration with the feed grain failed; retrying")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed: unregistering at shutdown failed; the registration will expire")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: reading or pushing region numbers failed; next interval retries")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
