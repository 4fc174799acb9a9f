using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Client.Contracts;
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
        var database = await postgres.CreateDatabaseAsync();
        var first = new PostgresHost(database);
        var second = new PostgresHost(database);
        try
        {
            _ = first.Api;
            _ = second.Api;
            foreach (var host in new[] { first, second })
            {
                var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
                await Eventually.Until(() => management.GetHosts(onlyActive: true), silos => silos.Count == 2, "both silos active");
            }

            var village = first.Services.GetRequiredService<GeographyModel>().Villages[0];
            var shops = Enumerable.Range(0, 20).Select(s => new ShopRecord($"m-{s}", village.Path)).ToList();
            Assert.Equal(20, await first.Api.RegisterShops(shops));
            Assert.Equal(20, (await first.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 50.00m, PostgresHost.Start)).ToList())).Accepted);

            var viaSecond = await Eventually.Until(() => second.Api.GetRegion(village.Id), v => v.Shops == 20 && v.AnnualTurnover == 1_000.00m, "village read through the other silo");
            Assert.Equal(viaSecond with { AsOf = default }, (await first.Api.GetRegion(village.Id)) with { AsOf = default });
            Assert.Equal((await first.Api.GetShop("m-7")) with { AsOf = default }, (await second.Api.GetShop("m-7")) with { AsOf = default });
        }
        finally
        {
            await second.StopAsync();
            await first.StopAsync();
        }
    }
}
