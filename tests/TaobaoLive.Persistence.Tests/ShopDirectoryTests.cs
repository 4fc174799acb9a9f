using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Persistence.Tests.Infrastructure;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// With PostgreSQL the shops' own rows say which shops are registered: a shop registered through
/// one silo is known to another that never saw it, and unknown ids (a read, an order batch) are
/// refused without activating a shop anywhere in the cluster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ShopDirectoryTests(PostgresServer postgres)
{
    private static readonly Lazy<string> Geography = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"taobaolive-directory-{Environment.ProcessId}.tsv");
        File.WriteAllText(path, SyntheticGeography.Tsv(6, seed: 12));
        return path;
    });

    [Fact]
    public async Task Registered_shops_are_known_on_every_silo_and_unknown_ids_activate_no_shop()
    {
        await using var silos = await TwoSilos.StartAsync(postgres, new Dictionary<string, string?> { ["TaobaoLive:Geography"] = Geography.Value });
        var village = silos.First.Services.GetRequiredService<GeographyModel>().Villages[0];
        Assert.Equal(2, await silos.First.Api.RegisterShops([new ShopRecord("dir-1", village.Id), new ShopRecord("dir-2", village.Id)]));
        var before = await ShopActivations(silos);
        Assert.Equal(2, before);

        // The second silo's host never saw these shops: it asks the database, not a shop grain.
        Assert.Equal(village.Id, (await silos.Second.Api.GetShop("dir-1")).VillageId);
        using var reader = silos.Second.CreateClient();
        for (var i = 0; i < 50; i++)
        {
            using var response = await reader.GetAsync($"/api/shops/ghost-{i}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var orders = new List<OrderRecord> { new("o-known", "dir-2", 10.00m, PostgresHost.Start) };
        orders.AddRange(Enumerable.Range(0, 2_000).Select(i => new OrderRecord($"o-ghost-{i}", $"ghost-batch-{i}", 1.00m, PostgresHost.Start)));
        var refused = await Assert.ThrowsAsync<TaobaoLiveApiException>(() => silos.Second.Api.PostOrders(orders));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(2_000, refused.Errors.Count);
        Assert.All(refused.Errors, e => Assert.Equal("shopId", e.Field));
        Assert.Equal(before, await ShopActivations(silos));

        // A registration refused as a whole (one shop is registered elsewhere) activates none of its shops either.
        var other = silos.First.Services.GetRequiredService<GeographyModel>().Villages[1];
        var registration = await Assert.ThrowsAsync<TaobaoLiveApiException>(() => silos.Second.Api.RegisterShops([new ShopRecord("dir-3", village.Id), new ShopRecord("dir-1", other.Id)]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, registration.Status);
        Assert.Equal(1, Assert.Single(registration.Errors).Index);
        Assert.Equal(before, await ShopActivations(silos));
        Assert.Equal(1, (await silos.Second.Api.PostOrders([orders[0]])).Accepted);
    }

    private static async Task<int> ShopActivations(TwoSilos silos)
    {
        var statistics = await silos.Management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Split(',')[0] == typeof(ShopGrain).FullName).Sum(s => s.ActivationCount);
    }
}
