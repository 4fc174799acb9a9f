using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>Two hosts on one database form one cluster through the PostgreSQL membership table.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterMembershipTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_silos_form_one_cluster_and_answer_alike_whichever_is_asked()
    {
        await using var silos = await TwoSilos.StartAsync(postgres);
        var (first, second) = (silos.First, silos.Second);
        var village = first.Services.GetRequiredService<GeographyModel>().Villages[0];
        var shops = Enumerable.Range(0, 20).Select(s => new ShopRecord($"m-{s}", village.Path)).ToList();
        Assert.Equal(20, await first.Api.RegisterShops(shops));
        Assert.Equal(20, (await first.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 50.00m, PostgresHost.Start)).ToList())).Accepted);

        var viaSecond = await Eventually.Until(() => second.Api.GetRegion(village.Id), v => v.Shops == 20 && v.AnnualTurnover == 1_000.00m, "village read through the other silo");
        Assert.Equal(viaSecond with { AsOf = default }, (await first.Api.GetRegion(village.Id)) with { AsOf = default });
        Assert.Equal((await first.Api.GetShop("m-7")) with { AsOf = default }, (await second.Api.GetShop("m-7")) with { AsOf = default });
    }
}
