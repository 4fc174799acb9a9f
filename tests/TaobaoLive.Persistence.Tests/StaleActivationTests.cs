using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Host.Persistence.Journal;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Two activations of one shop: while silos join and leave, Orleans' directory can briefly hold a
/// second activation of a grain. When the other one writes the shop's state first (here: a clean
/// state without this activation's orders, as a second activation that stopped gracefully writes),
/// this activation's write is refused by the version check and its acknowledged orders live only in
/// the order journal. The silo owes them: its journal keeper replays the journal to the shop's next
/// activation, and only then lets the journal be truncated. Before this, such orders were lost for
/// good (one rolling restart in four lost 282).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StaleActivationTests(PostgresServer postgres)
{
    private const string ShopId = "stale-1";

    [Fact]
    public async Task Orders_of_an_activation_whose_final_write_is_refused_are_replayed_to_the_next_one()
    {
        var database = await postgres.CreateDatabaseAsync();
        // No timed write within the test: the shop's orders reach storage only through its deactivation.
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "01:00:00" });
        try
        {
            var village = host.Services.GetRequiredService<GeographyModel>().AtLevel(Abstractions.Regions.RegionLevel.Village).First();
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord(ShopId, village.Path)]));
            var orders = Enumerable.Range(1, 3).Select(i => new OrderRecord($"{ShopId}-{i}", ShopId, 100m * i, PostgresHost.Start)).ToList();
            Assert.Equal(3, (await host.Api.PostOrders(orders, "stale-batch")).Accepted);
            Assert.Equal(3, (await host.Api.GetShop(ShopId)).Orders);

            // The other activation's write: the stored state (registered, no orders) marked as left by
            // a graceful stop, under a new version.
            Assert.Equal(1, await Sql.Execute(database, """
                UPDATE taobaolive_grain_state
                SET payload = jsonb_set(payload, '{clean}', 'true'), version = version + 1
                WHERE state_name = 'shop' AND key_text LIKE '%stale-1' AND (payload ->> 'orders')::bigint = 0
                """));

            // The shop deactivates: its final write is refused (the version moved).
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

            var shop = await Eventually.Until(() => host.Api.GetShop(ShopId), s => s.Orders == 3, "the shop's next activation holds the three acknowledged orders", TimeSpan.FromSeconds(30));
            Assert.Equal(600m, shop.AnnualTurnover);
            await Eventually.Until(() => host.Api.GetRegion(village.Id), v => v.AnnualTurnover == 600m, "the village agrees with its shop", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await host.StopAsync();
        }

        // The graceful stop wrote them, once.
        Assert.Equal(3, await Sql.Scalar(database, "SELECT (payload ->> 'orders')::bigint FROM taobaolive_grain_state WHERE state_name = 'shop' AND key_text LIKE '%stale-1'"));
    }

    [Fact]
    public async Task A_village_whose_write_is_refused_steps_aside_and_its_next_activation_rebuilds_and_writes()
    {
        var database = await postgres.CreateDatabaseAsync();
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "00:00:01" });
        try
        {
            var (village, villageRow) = await OneShopAndItsVillageWritten(host, database, "stale-v1");
            await Eventually.Until(() => host.Api.GetRegion(village.Id), v => v.AnnualTurnover == 600m, "the village at 600", TimeSpan.FromSeconds(30));

            // Another activation's write: the stored row moves on under this activation.
            Assert.Equal(1, await Sql.Execute(database, $"UPDATE taobaolive_grain_state SET version = version + 1 WHERE {villageRow}"));
            var moved = await Sql.Scalar(database, $"SELECT version::bigint FROM taobaolive_grain_state WHERE {villageRow}");

            // The next change makes the village write; the version check refuses it.
            Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord("stale-v1-2", "stale-v1", 400m, PostgresHost.Start)], "stale-v1-2")).Accepted);

            // Refused for good if it kept retrying; stepping aside, its next activation rebuilds from
            // the shop and writes over the moved row.
            await Eventually.Until(
                async () => (await host.Api.GetRegion(village.Id), await Sql.Scalar(database, $"SELECT version::bigint FROM taobaolive_grain_state WHERE {villageRow}")),
                r => r.Item1.AnnualTurnover == 1000m && r.Item2 > moved,
                "a village activation at 1,000 that wrote after the refused one",
                TimeSpan.FromSeconds(30));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// The refused activation may be the one that took a child's report (Orleans routed it there
    /// while the directory healed): the live activation lacks it, and it has no journal to replay
    /// from. The silo hears of the refusal and its journal keeper has the regions rebuild from their
    /// children once the cluster has been quiet, as after a membership change. A second activation
    /// cannot be made on one silo, so this test holds the refusal and the rebuild that must follow it.
    /// </summary>
    [Fact]
    public async Task A_region_whose_write_is_refused_makes_the_keeper_rebuild_the_regions_once_the_cluster_is_quiet()
    {
        var database = await postgres.CreateDatabaseAsync();
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "00:00:01" });
        try
        {
            var (village, villageRow) = await OneShopAndItsVillageWritten(host, database, "stale-r1");

            // The silo's start is a membership change: its own settled rebuild comes first.
            var keeper = host.Services.GetRequiredService<JournalKeeper>();
            await Eventually.Until(() => Task.FromResult(keeper.RegionsRebuiltAt), at => at is not null, "the rebuild once the cluster was quiet after the start", TimeSpan.FromSeconds(60));

            Assert.Equal(1, await Sql.Execute(database, $"UPDATE taobaolive_grain_state SET version = version + 1 WHERE {villageRow}"));
            Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord("stale-r1-2", "stale-r1", 400m, PostgresHost.Start)], "stale-r1-2")).Accepted);
            var tracker = host.Services.GetRequiredService<CheckpointTracker>();
            await Eventually.Until(() => Task.FromResult(tracker.StaleRegions), n => n == 1, "the village's write refused and the silo told", TimeSpan.FromSeconds(30));
            var refusedBy = DateTimeOffset.UtcNow;

            await Eventually.Until(
                () => Task.FromResult(keeper.RegionsRebuiltAt),
                at => at > refusedBy,
                "the regions rebuilt from their children after the refusal, once the cluster was quiet",
                TimeSpan.FromSeconds(60));
            Assert.Equal(1000m, (await host.Api.GetRegion(village.Id)).AnnualTurnover);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// Registers <paramref name="shopId"/> in the first village, posts one order of 600 yuan to it and
    /// waits until the village's state is in PostgreSQL; returns the village and the SQL condition
    /// that selects its row.
    /// </summary>
    private static async Task<(Region Village, string VillageRow)> OneShopAndItsVillageWritten(PostgresHost host, string database, string shopId)
    {
        var village = host.Services.GetRequiredService<GeographyModel>().AtLevel(Abstractions.Regions.RegionLevel.Village).First();
        Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord(shopId, village.Path)]));
        Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord($"{shopId}-1", shopId, 600m, PostgresHost.Start)], $"{shopId}-1")).Accepted);
        var villageRow = $"state_name = 'village' AND key_text LIKE '%{village.Id}'";
        await Eventually.Until(() => Sql.Scalar(database, $"SELECT count(*) FROM taobaolive_grain_state WHERE {villageRow}"), n => n == 1, "the village's state written", TimeSpan.FromSeconds(30));
        return (village, villageRow);
    }
}
