using Microsoft.AspNetCore.SignalR;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Dashboards subscribe to topics (<see cref="LiveTopics"/>); every topic is a group. The
/// <see cref="LiveFeedBridge"/> sends into the groups: status changes as they happen, region
/// numbers coalesced. A newcomer to a region topic gets its numbers within one push interval.
/// </summary>
public sealed class LiveHub(LiveSubscriptions subscriptions, GeographyModel geography) : Hub
{
    public const string Path = "/hubs/live";

    public async Task Subscribe(string topic)
    {
        LiveTopics.Validate(topic, geography);
        // Group first: once the bridge sees the subscription, the connection is in the group.
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
        subscriptions.Add(Context.ConnectionId, topic);
    }

    public async Task Unsubscribe(string topic)
    {
        LiveTopics.Validate(topic, geography);
        subscriptions.Remove(Context.ConnectionId, topic);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
    }

    /// <summary>SignalR leaves the groups by itself; the counts are ours to drop.</summary>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
