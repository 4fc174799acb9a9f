using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Live;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// A dashboard connected to the in-memory host's live hub (long polling through the test server).
/// Records every message; waits for one with a bound, never by sleeping.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<LiveMessage> _messages = [];
    private readonly List<(Func<LiveMessage, bool> Match, TaskCompletionSource<LiveMessage> Found)> _waiters = [];

    private LiveClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public static async Task<LiveClient> Connect(WebApplicationFactory<Program> host, string? key = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Server.BaseAddress, LiveHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => host.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (key is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(key);
                }
            })
            .Build();
        var client = new LiveClient(connection);
        connection.On<string, StatusChangeView>(LiveMessages.StatusChanged, (topic, change) => client.Receive(LiveMessages.StatusChanged, topic, change));
        connection.On<string, RegionView>(LiveMessages.RegionUpdated, (topic, region) => client.Receive(LiveMessages.RegionUpdated, topic, region));
        connection.On<string, List<LeaderboardEntry>>(LiveMessages.LeaderboardUpdated, (topic, entries) => client.Receive(LiveMessages.LeaderboardUpdated, topic, entries));
        await connection.StartAsync();
        return client;
    }

    public Task Subscribe(string topic) => Connection.InvokeAsync(nameof(LiveHub.Subscribe), topic);

    public Task Unsubscribe(string topic) => Connection.InvokeAsync(nameof(LiveHub.Unsubscribe), topic);

    /// <summary>Everything received so far, oldest first.</summary>
    public IReadOnlyList<LiveMessage> Received
    {
        get
        {
            lock (_lock)
            {
                return _messages.ToList();
            }
        }
    }

    /// <summary>The first message (already received or still to come) on <paramref name="topic"/> whose payload matches.</summary>
    public async Task<(T Payload, LiveMessage Message)> WaitFor<T>(string method, string topic, Func<T, bool> match, string what)
    {
        var found = new TaskCompletionSource<LiveMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Matches(LiveMessage m) => m.Method == method && m.Topic == topic && m.Payload is T payload && match(payload);
        lock (_lock)
        {
            if (_messages.FirstOrDefault(Matches) is { } existing)
            {
                return ((T)existing.Payload, existing);
            }

            _waiters.Add((Matches, found));
        }

        try
        {
            var message = await found.Task.WaitAsync(Timeout);
            return ((T)message.Payload, message);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: no {method} on {topic} within {Timeout.TotalSeconds:0} s; received: {string.Join("; ", Received.Select(m => $"{m.Method} {m.Topic} {m.Payload}"))}");
        }
    }

    public Task<(StatusChangeView Payload, LiveMessage Message)> WaitForStatus(string topic, Func<StatusChangeView, bool> match, string what) =>
        WaitFor(LiveMessages.StatusChanged, topic, match, what);

    public Task<(RegionView Payload, LiveMessage Message)> WaitForRegion(string topic, Func<RegionView, bool> match, string what) =>
        WaitFor(LiveMessages.RegionUpdated, topic, match, what);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void Receive(string method, string topic, object payload)
    {
        var message = new LiveMessage(method, topic, payload, Stopwatch.GetTimestamp());
        List<TaskCompletionSource<LiveMessage>> done = [];
        lock (_lock)
        {
            _messages.Add(message);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(message))
                {
                    done.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult(message);
        }
    }
}
