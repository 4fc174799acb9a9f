using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Simulation.Sinks;
using TaobaoLive.Simulation.World;
using TaobaoLive.Simulator.Sinks;

namespace TaobaoLive.Simulator.Runs;

/// <summary>
/// Drives a running host as hard as it can: registers the shops, then several connections post
/// pre-built JSON batches (heavy-tailed shop choice) for the set time. A probe posts one order a
/// quarter second to a shop in a village no other shop uses and times how long until the village's
/// state shows it (acceptance to visible). Host memory comes from its own /api/platform, so a host
/// with keys needs an operator's key (<c>key</c>; null for an open host).
/// </summary>
public sealed class BenchRun(Uri host, string? key, GeographyModel geography, int shops, TimeSpan duration, int connections, int batchSize, int seed, TextWriter log)
{
    private const string ProbeShop = "bench-probe";
    private const int PoolBatches = 400;

    public async Task<BenchResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections + 2 })
        {
            BaseAddress = host,
            Timeout = TimeSpan.FromMinutes(2),
        };
        TaobaoLiveKeys.Apply(http, key);
        var client = new TaobaoLiveClient(http);
        var before = await client.GetPlatform(cancellationToken);
        var probeVillage = geography.Villages[^1];
        var statusVillage = geography.Villages[^2];
        var world = WorldBuilder.Build(geography, seed, WorldBuilder.SyntheticMix, shops)
            .Where(v => v.Id != probeVillage.Id && v.Id != statusVillage.Id)
            .ToList();
        var shopCount = world.Sum(v => v.Shops.Count);
        log.WriteLine($"registering {shopCount:N0} shops in {world.Count:N0} villages…");
        var sink = new HttpOrderSink(client);
        await sink.RegisterShops(world.SelectMany(v => v.Shops).ToList(), cancellationToken);
        await client.RegisterShops([new ShopRecord(ProbeShop, probeVillage.Id, "probe")], cancellationToken);
        await using var statusProbe = new StatusPushProbe(client, host, key, statusVillage);
        await statusProbe.PrepareAsync(cancellationToken);

        log.WriteLine($"building {PoolBatches} batches of {batchSize} orders…");
        var generator = new OrderGenerator(world, seed, 0, $"bench{seed}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-");
        var now = DateTimeOffset.UtcNow;
        var pool = new List<(byte[] Body, int Orders)>(PoolBatches);
        var orders = new List<SimulatedOrder>(batchSize);
        for (var i = 0; i < PoolBatches; i++)
        {
            orders.Clear();
            generator.Live(now, batchSize, 150_00, orders);
            pool.Add((OrderPayloads.Json(orders), orders.Count));
        }

        log.WriteLine($"posting for {duration.TotalSeconds:0} s on {connections} connection(s)…");
        long accepted = 0, rejected = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var (body, count) = pool[(int)((uint)Interlocked.Increment(ref next) % PoolBatches)];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("api/orders", content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref accepted, count);
                }
                else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref rejected);
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100), cancellationToken);
                }
                else
                {
                    throw new InvalidOperationException($"the host refused a batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
        }, cancellationToken)).ToList();
        var pushed = statusProbe.RunAsync(watch, duration, cancellationToken);
        var samples = await ProbeAsync(client, probeVillage, watch, duration, cancellationToken);
        var pushSamples = await pushed;
        await Task.WhenAll(senders);
        var elapsed = watch.Elapsed.TotalSeconds;
        var after = await client.GetPlatform(cancellationToken);

        log.WriteLine("measuring the in-process limit (parse and sum by shop)…");
        var baseline = Baseline(pool);
        samples.Sort();
        pushSamples.Sort();
        return new BenchResult(
            shopCount,
            connections,
            batchSize,
            elapsed,
            accepted,
            rejected,
            accepted / elapsed,
            Percentile(samples, 0.50),
            Percentile(samples, 0.99),
            samples.Count,
            after.PeakWorkingSetBytes,
            before.WorkingSetBytes,
            after.WorkingSetBytes,
            baseline,
            Percentile(pushSamples, 0.50),
            Percentile(pushSamples, 0.99),
            pushSamples.Count,
            statusProbe.Missed);
    }

    private static async Task<List<double>> ProbeAsync(TaobaoLiveClient client, Region village, Stopwatch watch, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        var expectedFen = (long)((await client.GetRegion(village.Id, cancellationToken)).AnnualTurnover * 100);
        var n = 0;
        while (watch.Elapsed < duration)
        {
            var started = watch.Elapsed;
            await client.PostOrders([new OrderRecord($"probe-{Guid.NewGuid():N}", ProbeShop, 1.00m, DateTimeOffset.UtcNow)], cancellationToken: cancellationToken);
            var acceptedAt = watch.Elapsed;
            expectedFen += 100;
            n++;
            while (watch.Elapsed - acceptedAt < TimeSpan.FromSeconds(30))
            {
                var state = await client.GetRegion(village.Id, cancellationToken);
                if ((long)(state.AnnualTurnover * 100) >= expectedFen)
                {
                    samples.Add((watch.Elapsed - acceptedAt).TotalMilliseconds);
                    break;
                }

                await Task.Delay(10, cancellationToken);
            }

            var wait = started + TimeSpan.FromMilliseconds(250) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }

        return samples;
    }

    private static double Baseline(List<(byte[] Body, int Orders)> pool)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        long orders = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var (body, _) in pool)
            {
                orders += OrderPayloads.ParseAndSum(body, sums);
            }
        }

        return orders / watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
