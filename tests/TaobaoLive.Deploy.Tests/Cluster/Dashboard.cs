using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using TaobaoLive.Contracts;

namespace TaobaoLive.Deploy.Tests.Cluster;

/// <summary>
/// A dashboard as the pages run it: the live hub at the balancer's address over WebSockets, the
/// "status" topic followed, and when the connection drops it reconnects (every half second, as the
/// pages' first retries do) through the balancer and subscribes again.
/// </summary>
public sealed class Dashboard : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string Topic = "status";
    private readonly Lock _lock = new();
    private readonly List<StatusChangeView> _changes = [];
    private readonly List<(Func<StatusChangeView, bool> Match, TaskCompletionSource<StatusChangeView> Found)> _waiters = [];
    private readonly HubConnection _connection;
    private int _subscriptions;
    private volatile bool _following;

    private Dashboard(Uri balancer, string key)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(balancer, "hubs/live"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(key);
                options.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new EveryHalfSecond())
            .Build();
        _connection.On<string, StatusChangeView>("statusChanged", (_, change) => Receive(change));
        _connection.Reconnecting += _ =>
        {
            _following = false;
            return Task.CompletedTask;
        };
        _connection.Reconnected += async _ => await Subscribe();
    }

    /// <summary>Successful subscriptions: 1 after connecting, one more after each reconnection.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public HubConnectionState State => _connection.State;

    /// <summary>Connected and subscribed on this connection (false from a drop until the new subscription).</summary>
    public bool Following => _following && _connection.State == HubConnectionState.Connected;

    public static async Task<Dashboard> Connect(Uri balancer, string key)
    {
        var dashboard = new Dashboard(balancer, key);
        await dashboard._connection.StartAsync();
        await dashboard.Subscribe();
        return dashboard;
    }

    /// <summary>Until the dashboard has subscribed more than <paramref name="times"/> times, i.e. reconnected since.</summary>
    public Task WaitUntilSubscribedAfter(int times, string what) =>
        Eventually.Until(() => Task.FromResult(Subscriptions), n => n > times, what, Timeout);

    public Task WaitUntilFollowing(string what) =>
        Eventually.Until(() => Task.FromResult(Following), f => f, what, Timeout);

    /// <summary>The first status change (received already or still to come) matching <paramref name="match"/>.</summary>
    public async Task<StatusChangeView> WaitForStatus(Func<StatusChangeView, bool> match, string what)
    {
        var found = new TaskCompletionSource<StatusChangeView>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_changes.FirstOrDefault(match) is { } existing)
            {
                return existing;
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: no such status change within {Timeout.TotalSeconds:0} s (connection {State}, {Subscriptions} subscription(s)); received: {string.Join("; ", Received.Select(c => $"{c.Path} {c.Kind}"))}");
        }
    }

    public IReadOnlyList<StatusChangeView> Received
    {
        get
        {
            lock (_lock)
            {
                return _changes.ToList();
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task Subscribe()
    {
        await _connection.InvokeAsync("Subscribe", Topic);
        Interlocked.Increment(ref _subscriptions);
        _following = true;
    }

    private void Receive(StatusChangeView change)
    {
        List<TaskCompletionSource<StatusChangeView>> done = [];
        lock (_lock)
        {
            _changes.Add(change);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(change))
                {
                    done.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult(change);
        }
    }

    /// <summary>Retries every half second for two minutes, then gives up (the connection closes).</summary>
    private sealed class EveryHalfSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromMilliseconds(500) : null;
    }
}
