using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Live;

/// <summary>
/// The observer-per-host relay: consumes the status stream (an implicit subscriber, as pub-sub is
/// implicit only) and forwards each batch to every registered host, which pushes it to its own
/// SignalR connections. One activation for the cluster; kept alive so registrations survive idle
/// periods (a new activation elsewhere is re-filled by the hosts' next renewal).
/// </summary>
[ImplicitStreamSubscription(StreamNames.StatusChanges)]
[KeepAlive]
public sealed partial class LiveFeedGrain(TimeProvider time, ILogger<LiveFeedGrain> logger)
    : Grain, ILiveFeedGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<StatusChanged>>
{
    private readonly LiveFeedObservers _observers = new(ILiveFeedGrain.ObserverLifetime);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<StatusChanged>>().ResumeAsync(this);

    public Task Subscribe(ILiveFeedObserver observer)
    {
        _observers.Renew(observer, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILiveFeedObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<int> GetObserverCount() => Task.FromResult(_observers.Live(time.GetUtcNow()).Count);

    /// <summary>
    /// Batches go to all hosts at once, and the next batch waits for every host's answer: each host
    /// sees the stream in order. A host that fails a delivery is dropped until it renews (a dead
    /// host must not slow everyone else's feed down on every batch).
    /// </summary>
    public async Task OnNextAsync(UpwardBatch<StatusChanged> item, StreamSequenceToken? token = null)
    {
        var targets = _observers.Live(time.GetUtcNow());
        if (targets.Count == 0 || item.Items.Count == 0)
        {
            return;
        }

        var delivered = await Task.WhenAll(targets.Select(target => Deliver(target, item.Items)));
        for (var i = 0; i < targets.Count; i++)
        {
            if (!delivered[i])
            {
                _observers.Remove(targets[i]);
            }
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private async Task<bool> Deliver(ILiveFeedObserver target, IReadOnlyList<StatusChanged> changes)
    {
        try
        {
            await target.OnStatusChanged(changes);
            return true;
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(logger, changes.Count, exception);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: a host did not take {Count} status changes; it is dropped until it renews")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, Exception exception);
}
