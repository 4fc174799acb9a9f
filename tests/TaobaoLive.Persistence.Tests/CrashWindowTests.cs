using System.Diagnostics;
using System.Globalization;
using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// What an abrupt crash loses: orders are posted in numbered rounds (round r gives every shop one
/// order of r yuan) until the host is killed with SIGKILL, a new host starts on the same database,
/// and each shop is read back. Before the order journal a crash lost the rounds acknowledged since
/// each shop's last timed write (1.8-2.4 s of orders, docs/benchmarks.md); now every acknowledged
/// round must be there, and the village and every region above it must agree with the shops
/// without another order.
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
            Assert.Equal(acknowledged.Count, k);
            // Exactly rounds 1..k: their amounts sum to k(k+1)/2 yuan.
            Assert.Equal(k * (k + 1) / 2m, view.AnnualTurnover);
            rounds.Add(k);
            shopsTotal += view.AnnualTurnover;
        }

        var lost = rounds.Sum(k => acknowledged.Count - k);
        foreach (var region in new[] { village.Id, village.ParentId!, "country-cn" })
        {
            await Eventually.Until(() => restarted.Api.GetRegion(region), r => r.AnnualTurnover == shopsTotal, $"{region} agrees with its shops ({shopsTotal:0.00}) without another order", TimeSpan.FromSeconds(30));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged {acknowledged.Count * ShopCount} orders in {acknowledged.Count} rounds over {acknowledged[^1].TotalSeconds:0.0} s; " +
            $"lost {lost}; the last acknowledged {(killedAt - acknowledged[^1]).TotalMilliseconds:0} ms before the kill; village, town and country equal to the shops without another order"));
    }
}
