using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TaobaoLive.Geography;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Dashboards subscribe to topics (<see cref="LiveTopics"/>). The <see cref="StatusRelay"/> and <see cref="LivePusher"/> send
/// to the connections following a topic through each connection's own bounded queue
/// (<see cref="LiveOutbox"/>): status changes as they happen, region numbers coalesced. A newcomer to
/// a region topic gets its numbers within one push interval. A client may hold a bounded number of
/// connections, each a bounded number of topics.
/// </summary>
public sealed class LiveHub(LiveSubscriptions subscriptions, LiveOutbox outbox, LiveRefusals refusals, GeographyModel geography, IOptions<PlatformHostOptions> options) : Hub
{
    public const string Path = "/hubs/live";

    public const string BadTopic = "unknown topic";

    public const string TooManyTopics = "topics per connection";

    public override Task OnConnectedAsync()
    {
        outbox.TryOpen(Context, ClientOf(Context));
        return Task.CompletedTask;
    }

    public Task Subscribe(string topic)
    {
        Validate(topic);
        var limit = options.Value.LiveTopicsPerConnection;
        if (subscriptions.CountOf(Context.ConnectionId) >= limit && !subscriptions.TopicsOf(Context.ConnectionId).Contains(topic))
        {
            Refuse(TooManyTopics, $"a connection follows at most {limit} topics; unsubscribe from one first");
        }

        subscriptions.Add(Context.ConnectionId, topic);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string topic)
    {
        Validate(topic);
        subscriptions.Remove(Context.ConnectionId, topic);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        outbox.Close(Context.ConnectionId);
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Who a connection belongs to: its key's name, else (open or anonymous reads) its address.</summary>
    public static string ClientOf(HubCallerContext context)
    {
        var name = context.User?.Identity is { IsAuthenticated: true, Name: { } user } && user != Security.ApiKeyAuthenticationHandler.OpenPrincipalName ? user : null;
        return name is not null ? "key " + name
            : "address " + (context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private void Validate(string? topic)
    {
        try
        {
            LiveTopics.Validate(topic, geography);
        }
        catch (HubException exception)
        {
            Refuse(BadTopic, exception.Message);
        }
    }

    /// <summary>Counted in the log (no stack trace), and the reason reaches the client.</summary>
    private void Refuse(string kind, string reason)
    {
        refusals.Refused(kind, ClientOf(Context), reason);
        throw new HubException(reason);
    }
}
