using System.Diagnostics;
using System.Globalization;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Measures what an abrupt crash loses with the default write policy (PersistInterval 5 s): orders
/// are posted in numbered rounds (round r gives every shop one order of r yuan) until the host is
/// killed with SIGKILL, a new host starts on the same database, and each shop is read back. What
/// must hold is asserted: every shop comes back as exactly its first k acknowledged rounds (nothing
/// invented, nothing out of order), and after one more round the village and every region above it
/// agree with the shops again (each level rebuilt from its children: the stored states were written
/// at different moments). What is measured (the lost orders, how far before the kill the oldest
/// lost one was acknowledged, and how far the village's stored state disagreed with its shops) is
/// written to the test output; docs/benchmarks.md records it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashWindowTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int ShopCount = 40;
    private static readonly TimeSpan IngestFor = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task A_killed_host_comes_back_with_a_prefix_of_each_shops_acknowledged_orders()
    {
        var database = await postgres.CreateDatabaseAsync();
        // The restarted host takes the killed one's ports, as a service restarted in place does: its
        // silo then supersedes the dead entry at once (on a new address it would first have to get
        // the dead silo declared, about two minutes with the default probe options).
        string[] ports = [$"--TaobaoLive:SiloPort={FreePorts.Next()}", $"--TaobaoLive:GatewayPort={FreePorts.Next()}"];
        var clock = Stopwatch.StartNew();
        var acknowledged = new List<TimeSpan>();
        List<ShopRecord> shops;
        RegionView village;
        TimeSpan killedAt;
        using (var host = new HostProcess(database, ports))
        {
            await host.WaitUntilHealthy();
            village = (await host.Api.ListRegions("village", limit: 1))[0];
            shops = Enumerable.Range(0, ShopCount).Select(s => new ShopRecord($"cw-{s}", village.Path)).ToList();
            Assert.Equal(ShopCount, await host.Api.RegisterShops(shops));
            var paidAt = DateTimeOffset.UtcNow;
            var ingest = Stopwatch.StartNew();
            while (ingest.Elapsed < IngestFor)
            {
                var round = acknowledged.Count + 1;
                var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-{round}", s.ShopId, round, paidAt)).ToList();
                Assert.Equal(ShopCount, (await host.Api.PostOrders(orders, $"cw-round-{round}")).Accepted);
                acknowledged.Add(clock.Elapsed);
            }

            host.Kill();
            killedAt = clock.Elapsed;
        }

        using var restarted = new HostProcess(database, ports);
        await restarted.WaitUntilHealthy();
        var rounds = new List<int>();
        decimal shopsTotal = 0;
        foreach (var shop in shops)
        {
            var view = await restarted.Api.GetShop(shop.ShopId);
            var k = (int)view.Orders;
            Assert.InRange(k, 0, acknowledged.Count);
            // Exactly rounds 1..k: their amounts sum to k(k+1)/2 yuan.
            Assert.Equal(k * (k + 1) / 2m, view.AnnualTurnover);
            rounds.Add(k);
            shopsTotal += view.AnnualTurnover;
        }

        var lost = rounds.Sum(k => acknowledged.Count - k);
        var oldestLost = rounds.Where(k => k < acknowledged.Count).Select(k => acknowledged[k]).DefaultIfEmpty(killedAt).Min();
        var villageAfter = await restarted.Api.GetRegion(village.Id);

        // One more round through the restarted host: the village, the town and the country come to
        // the shops' own figures.
        var next = acknowledged.Count + 1;
        Assert.Equal(ShopCount, (await restarted.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-{next}", s.ShopId, next, DateTimeOffset.UtcNow)).ToList(), $"cw-round-{next}")).Accepted);
        var expected = shopsTotal + (ShopCount * (decimal)next);
        foreach (var region in new[] { village.Id, village.ParentId!, "country-cn" })
        {
            await Eventually.Until(() => restarted.Api.GetRegion(region), r => r.AnnualTurnover == expected, $"{region} agrees with its shops ({expected:0.00})", TimeSpan.FromSeconds(30));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged {acknowledged.Count * ShopCount} orders in {acknowledged.Count} rounds over {acknowledged[^1].TotalSeconds:0.0} s; " +
            $"lost {lost} ({100.0 * lost / (acknowledged.Count * ShopCount):0.0}%); shops kept rounds {rounds.Min()}..{rounds.Max()} of {acknowledged.Count}; " +
            $"oldest lost order acknowledged {(killedAt - oldestLost).TotalSeconds:0.00} s before the kill; " +
            $"village read at once after restart {villageAfter.AnnualTurnover:0.00} vs its shops {shopsTotal:0.00}; village, town and country equal to the shops after one more round"));
    }
}
