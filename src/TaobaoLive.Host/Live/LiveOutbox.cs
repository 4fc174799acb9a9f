using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// One bounded outgoing queue per dashboard connection, each drained by its own loop. SignalR's
/// group send waits for every member's write, and a connection whose reader stopped reading blocks
/// its write once its transport buffer is full, so one dead dashboard stalled every other's pushes.
/// Here the bridge only enqueues: a connection whose queue is full is a reader that cannot keep up,
/// and it is dropped (the page reconnects and resubscribes) without anyone else waiting for it.
/// </summary>
public sealed class LiveOutbox(IHubContext<LiveHub> hub, LiveSubscriptions subscriptions, LiveRefusals refusals, IOptions<PlatformHostOptions> options)
{
    public const string SlowReader = "slow reader dropped";

    public const string TooManyConnections = "connections per client";

    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);

    public int Connections => _connections.Count;

    /// <summary>Takes the connection on, unless its client already has the most it may: then it is aborted.</summary>
    public bool TryOpen(HubCallerContext context, string client)
    {
        var limit = options.Value.LiveConnectionsPerClient;
        lock (_lock)
        {
            var count = _perClient.GetValueOrDefault(client);
            if (count >= limit)
            {
                context.Abort();
                refusals.Refused(TooManyConnections, client, $"already {count} live connections, the most one client may hold (TaobaoLive:LiveConnectionsPerClient)");
                return false;
            }

            _perClient[client] = count + 1;
        }

        var connection = new Connection(context, client, Channel.CreateBounded<(string Method, object?[] Arguments)>(
            new BoundedChannelOptions(options.Value.LiveQueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }));
        _connections[context.ConnectionId] = connection;
        connection.Pump = Drain(connection);
        return true;
    }

    public void Close(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            Release(connection);
        }
    }

    private void Release(Connection connection)
    {
        connection.Queue.Writer.TryComplete();
        lock (_lock)
        {
            var count = _perClient.GetValueOrDefault(connection.Client) - 1;
            if (count <= 0)
            {
                _perClient.Remove(connection.Client);
            }
            else
            {
                _perClient[connection.Client] = count;
            }
        }
    }

    /// <summary>Queues the message for every connection following <paramref name="topic"/>; never waits.</summary>
    public void Send(string topic, string method, params object?[] arguments)
    {
        foreach (var connectionId in subscriptions.ConnectionsOf(topic))
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || connection.Queue.Writer.TryWrite((method, arguments)))
            {
                continue;
            }

            if (_connections.TryRemove(connectionId, out _))
            {
                Release(connection);
                connection.Context.Abort();
                refusals.Refused(SlowReader, connection.Client, $"{options.Value.LiveQueueLength} messages waiting unsent to connection {connectionId}");
            }
        }
    }

    private async Task Drain(Connection connection)
    {
        // Off the caller's stack: Open runs inside the hub's OnConnectedAsync.
        await Task.Yield();
        var client = hub.Clients.Client(connection.Context.ConnectionId);
        await foreach (var (method, arguments) in connection.Queue.Reader.ReadAllAsync())
        {
            try
            {
                await client.SendCoreAsync(method, arguments, connection.Context.ConnectionAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed class Connection(HubCallerContext context, string client, Channel<(string Method, object?[] Arguments)> queue)
    {
        public HubCallerContext Context { get; } = context;

        public string Client { get; } = client;

        public Channel<(string Method, object?[] Arguments)> Queue { get; } = queue;

        public Task? Pump { get; set; }
    }
}
