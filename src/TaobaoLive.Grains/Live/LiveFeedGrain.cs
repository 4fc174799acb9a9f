using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Live;

/// <summary>
/// The observer-per-host relay: consumes the status stream (an implicit subscriber, as pub-sub is
/// implicit only) and forwards each batch to every registered host, which pushes it to its own
/// SignalR connections. One activation for the cluster, kept alive. The set of hosts is stored
/// (written when a host joins or leaves, not on renewals), so when this grain moves to another silo
/// (its silo stopped or died) the new activation delivers to every host from its first batch; each
/// restored registration gets a full lifetime to be renewed. A host that names its silo is dropped
/// as soon as the cluster's membership declares that silo dead, before any batch waits on it (as
/// the GPSTracker sample's hub list does), not only when its registration lapses.
/// </summary>
[GrainType(GrainTypeNames.LiveFeed)]
[ImplicitStreamSubscription(StreamNames.StatusChanges)]
[KeepAlive]
public sealed partial class LiveFeedGrain(
    [PersistentState("live-feed", StorageNames.Grains)] IPersistentState<LiveFeedState> state,
    TimeProvider time,
    IClusterMembershipService membership,
    ILogger<LiveFeedGrain> logger)
    : Grain, ILiveFeedGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<StatusChanged>>
{
    private readonly LiveFeedObservers _observers = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (id, lifetime) in state.State.Hosts)
        {
            if (GrainId.TryParse(id, out var grainId))
            {
                _observers.Renew(GrainFactory.GetGrain<ILiveFeedObserver>(grainId), lifetime, now, state.State.Silos.GetValueOrDefault(id));
            }
        }

        if (_observers.Count > 0)
        {
            LogRestored(logger, _observers.Count);
        }

        return Task.CompletedTask;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<StatusChanged>>().ResumeAsync(this);

    public async Task Subscribe(ILiveFeedObserver observer, TimeSpan lifetime)
    {
        if (_observers.Renew(observer, lifetime, time.GetUtcNow()))
        {
            await Store();
        }
    }

    public async Task Subscribe(ILiveFeedObserver observer, SiloAddress host, TimeSpan lifetime)
    {
        if (_observers.Renew(observer, lifetime, time.GetUtcNow(), host))
        {
            await Store();
        }
    }

    public async Task Unsubscribe(ILiveFeedObserver observer)
    {
        if (_observers.Remove(observer))
        {
            await Store();
        }
    }

    public async Task<int> GetObserverCount()
    {
        var live = _observers.Live(time.GetUtcNow(), out var expired, SiloIsDead);
        if (expired > 0)
        {
            await Store();
        }

        return live.Count;
    }

    /// <summary>
    /// Batches go to all hosts at once, and the next batch waits for every host's answer: each host
    /// sees the stream in order. A host that fails a delivery is dropped until it renews (a dead
    /// host must not slow everyone else's feed down on every batch).
    /// </summary>
    public async Task OnNextAsync(UpwardBatch<StatusChanged> item, StreamSequenceToken? token = null)
    {
        var targets = _observers.Live(time.GetUtcNow(), out var changed, SiloIsDead);
        if (targets.Count == 0 || item.Items.Count == 0)
        {
            if (changed > 0)
            {
                await Store();
            }

            return;
        }

        var delivered = await Task.WhenAll(targets.Select(target => Deliver(target, item.Items)));
        for (var i = 0; i < targets.Count; i++)
        {
            if (!delivered[i] && _observers.Remove(targets[i]))
            {
                changed++;
            }
        }

        if (changed > 0)
        {
            await Store();
        }
    }

    /// <summary>
    /// Hosts join and leave rarely: each change is written at once. A failed write is logged and
    /// left to the next change (the hosts' renewals re-register them anyway).
    /// </summary>
    private async Task Store()
    {
        state.State = _observers.ToState();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStoreFailed(logger, exception);
        }
    }

    /// <summary>Only a silo the membership has declared dead: one it has not heard of yet (just joined) stays.</summary>
    private bool SiloIsDead(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Dead;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed: {Count} hosts restored from storage")]
    private static partial void LogRestored(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: could not store the registered hosts")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: a host did not take {Count} status changes; it is dropped until it renews")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, Exception exception);
}
