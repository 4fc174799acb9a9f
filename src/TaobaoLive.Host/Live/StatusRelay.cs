using System.Threading.Channels;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Host.Api;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Status changes the feed grain delivers to this host (<see cref="LiveFeedRegistration"/> registers
/// it), queued and sent one batch at a time in arrival order to the topics they concern: status,
/// clusters for cluster events, and the subject's region (a cluster's province) and each ancestor.
/// </summary>
public sealed class StatusRelay(LiveOutbox outbox, LiveSubscriptions subscriptions, GeographyModel geography, TaobaoLiveMetrics? metrics = null)
    : BackgroundService, ILiveFeedObserver
{
    // Unbounded: a status change is never dropped; its volume is that of transitions, not orders.
    // Each batch with the Stopwatch timestamp of its arrival (push latency).
    private readonly Channel<(IReadOnlyList<StatusChanged> Changes, long Received)> _inbox = Channel.CreateUnbounded<(IReadOnlyList<StatusChanged>, long)>(
        new UnboundedChannelOptions { SingleReader = true });

    public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes)
    {
        _inbox.Writer.TryWrite((changes, System.Diagnostics.Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _inbox.Writer.TryComplete();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (changes, received) in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var change in changes)
                {
                    var view = RegionViews.ToView(change);
                    foreach (var topic in TopicsOf(change))
                    {
                        if (subscriptions.Subscribers(topic) > 0)
                        {
                            outbox.Send(topic, LiveMessages.StatusChanged, topic, view);
                        }
                    }
                }

                metrics?.Pushed(TaobaoLiveMetrics.Since(received));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

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
}
