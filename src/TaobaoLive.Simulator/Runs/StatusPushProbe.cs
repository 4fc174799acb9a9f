using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;

namespace TaobaoLive.Simulator.Runs;

/// <summary>
/// Times acceptance to SignalR delivery of a status change, under the bench's load. A village of
/// its own gets 100 shops that together sit one fen below RMB 10 million; the probe then alternates
/// a one-fen order (the village qualifies) and its refund (it lapses), and for each one waits for
/// the <c>statusChanged</c> message on the village's topic of <c>/hubs/live</c>.
/// </summary>
internal sealed class StatusPushProbe(TaobaoLiveClient client, Uri host, string? key, Region village) : IAsyncDisposable
{
    private const int Shops = 100;
    private readonly HubConnection _hub = new HubConnectionBuilder()
        .WithUrl(new Uri(host, "/hubs/live"), options => options.AccessTokenProvider = () => Task.FromResult(key))
        .Build();
    private TaskCompletionSource<(string To, TimeSpan At)> _next = NewWaiter();
    private Stopwatch? _watch;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var shops = Enumerable.Range(0, Shops).Select(i => new ShopRecord($"bench-status-{i}", village.Id, "status probe")).ToList();
        await client.RegisterShops(shops, cancellationToken);
        // 99 shops at RMB 100,000.00 and one at 99,999.99: one fen short of the threshold, 100 active
        // shops. An earlier bench against the same host left the village there: seeding it again
        // would put it over the threshold, and no order of the probe would change its status.
        var held = (await client.GetRegion(village.Id, cancellationToken)).AnnualTurnover;
        if (held == 0)
        {
            var now = DateTimeOffset.UtcNow;
            var orders = shops.Select((s, i) => new OrderRecord($"bench-status-seed-{i}-{now.ToUnixTimeMilliseconds()}", s.ShopId, i == 0 ? 99_999.99m : 100_000.00m, now)).ToList();
            await client.PostOrders(orders, cancellationToken: cancellationToken);
        }
        else if (held != Seeded)
        {
            throw new InvalidOperationException(
                $"the status probe's village {village.Id} holds RMB {held:N2} (the probe needs 0, or {Seeded:N2} left by an earlier bench); run the bench against a fresh host");
        }

        _hub.On<string, StatusChangeView>("statusChanged", (_, change) =>
        {
            if (change.SubjectId == village.Id && _watch is { } watch)
            {
                _next.TrySetResult((change.To, watch.Elapsed));
            }
        });
        await _hub.StartAsync(cancellationToken);
        await _hub.InvokeAsync("Subscribe", $"region:{village.Id}", cancellationToken);

        // One unmeasured qualify-and-lapse first: the first change through a fresh host pays for
        // compiling the whole path (village rules, feed grain, bridge, hub), which is not latency.
        await RunAsync(Stopwatch.StartNew(), TimeSpan.FromMilliseconds(1), cancellationToken, warmUp: true);
    }

    /// <summary>The village's turnover between changes: one fen below RMB 10 million.</summary>
    private const decimal Seeded = 9_999_999.99m;

    /// <summary>How long a status change may take to reach the hub before it counts as not delivered.</summary>
    public static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    /// <summary>Changes not delivered within <see cref="DeliveryLimit"/> (the probe stops at the first).</summary>
    public int Missed { get; private set; }

    /// <summary>Alternates qualify and lapse until <paramref name="duration"/> has passed on <paramref name="watch"/>; milliseconds per change.</summary>
    public async Task<List<double>> RunAsync(Stopwatch watch, TimeSpan duration, CancellationToken cancellationToken, bool warmUp = false)
    {
        _watch = watch;
        var samples = new List<double>();
        var paidAt = DateTimeOffset.UtcNow;
        var prefix = warmUp ? "warm" : "run";
        var n = 0;
        while (watch.Elapsed < duration || (warmUp && n < 2))
        {
            var qualify = n % 2 == 0;
            var orderId = $"bench-status-{prefix}-{(qualify ? "up" : "down")}-{n}-{paidAt.ToUnixTimeMilliseconds()}";
            _next = NewWaiter();
            await client.PostOrders([new OrderRecord(orderId, "bench-status-0", 0.01m, paidAt, qualify ? "payment" : "refund")], cancellationToken: cancellationToken);
            var acceptedAt = watch.Elapsed;
            var expected = qualify ? "taobao-village" : "none";
            (string To, TimeSpan At) arrived;
            try
            {
                arrived = await _next.Task.WaitAsync(DeliveryLimit, cancellationToken);
            }
            catch (TimeoutException) when (!warmUp)
            {
                // A host this far behind is the finding, not a reason to lose the run's figures:
                // counted, and the probe stops (a late push would answer the next change).
                Missed++;
                break;
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException(
                    $"the host did not push the status change of village {village.Id} to /hubs/live within {DeliveryLimit.TotalSeconds:0} s of an unloaded order; is it a TaobaoLive host with the live hub, and is the village's turnover as the probe left it?");
            }

            if (arrived.To != expected)
            {
                throw new InvalidOperationException($"status probe expected '{expected}' but the hub sent '{arrived.To}'");
            }

            samples.Add(Math.Max(0, (arrived.At - acceptedAt).TotalMilliseconds));
            n++;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        // Leave the village as it was found: below the threshold (a change that was not delivered
        // was posted all the same).
        var posted = n + (Missed > 0 ? 1 : 0);
        if (posted % 2 == 1)
        {
            await client.PostOrders([new OrderRecord($"bench-status-{prefix}-down-{posted}-{paidAt.ToUnixTimeMilliseconds()}", "bench-status-0", 0.01m, paidAt, "refund")], cancellationToken: cancellationToken);
        }

        return samples;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static TaskCompletionSource<(string To, TimeSpan At)> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
