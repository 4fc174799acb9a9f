using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// A registration writes the shop's state at once (it must survive a crash before the next timed
/// write). That write must carry the shop's day turnover as it stands: it also carries the journal
/// marks of the entries the shop applied, and a crash after it replays only what the marks do not
/// list. Before, the registration wrote the marks with day buckets as of the last timed write, and a
/// shop registered again (a new name) after taking orders came back from a crash with its orders
/// counted but its turnover gone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReregistrationCrashTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_shop_registered_again_after_orders_and_killed_before_its_timed_write_keeps_every_order()
    {
        var database = await postgres.CreateDatabaseAsync();
        // The restarted host takes the killed one's ports; no timed write within the test.
        string[] settings = [$"--TaobaoLive:SiloPort={FreePorts.Next()}", $"--TaobaoLive:GatewayPort={FreePorts.Next()}", "--TaobaoLive:PersistInterval=01:00:00"];
        RegionView village;
        using (var host = new HostProcess(database, settings))
        {
            await host.WaitUntilHealthy();
            village = (await host.Api.ListRegions("village", limit: 1))[0];
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("rr-1", village.Path)]));
            var orders = Enumerable.Range(1, 3).Select(i => new OrderRecord($"rr-1-{i}", "rr-1", 100m * i, DateTimeOffset.UtcNow)).ToList();
            Assert.Equal(3, (await host.Api.PostOrders(orders, "rr-batch")).Accepted);
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("rr-1", village.Path, "新名字网店")]));
            host.Kill();
        }

        using var restarted = new HostProcess(database, settings);
        await restarted.WaitUntilHealthy();
        var shop = await restarted.Api.GetShop("rr-1");
        Assert.Equal((3L, 600m, "新名字网店"), (shop.Orders, shop.AnnualTurnover, shop.Name));
        await Eventually.Until(() => restarted.Api.GetRegion(village.Id), v => v.AnnualTurnover == 600m, "the village agrees with its shop", TimeSpan.FromSeconds(30));
    }
}
