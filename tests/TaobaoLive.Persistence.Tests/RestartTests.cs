using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>State written to PostgreSQL comes back unchanged after a graceful stop and a fresh start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RestartTests(PostgresServer postgres)
{
    private const string Town = "广东省/汕头市/潮南区/陈店镇";

    [Fact]
    public async Task Every_region_shop_cluster_and_status_reads_the_same_after_a_graceful_restart()
    {
        var database = await postgres.CreateDatabaseAsync();
        string before;
        List<string> shopIds;
        List<string> paths;
        var first = new PostgresHost(database);
        try
        {
            var geography = first.Services.GetRequiredService<GeographyModel>();
            var town = geography.Resolve(Town);
            var villages = town.Children.Take(3).ToList();
            paths = [.. villages.Select(v => v.Id), .. Ancestors(town)];
            shopIds = [];
            foreach (var (village, v) in villages.Select((village, v) => (village, v)))
            {
                // Villages 0 and 1 qualify (RMB 10,000,000 from 100 active shops); village 2 stays short.
                var count = v < 2 ? 100 : 40;
                var shops = Enumerable.Range(0, count).Select(s => new ShopRecord($"r-{v}-{s}", village.Path, $"shop {v}-{s}")).ToList();
                Assert.Equal(count, await first.Api.RegisterShops(shops));
                var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 100_000.00m, PostgresHost.Start)).ToList();
                if (v == 2)
                {
                    orders.Add(new OrderRecord($"{shops[0].ShopId}-refund", shops[0].ShopId, 1_000.50m, PostgresHost.Start, "refund"));
                }

                Assert.Equal(orders.Count, (await first.Api.PostOrders(orders)).Accepted);
                shopIds.AddRange(shops.Select(s => s.ShopId));
            }

            // Each level reports what it has applied upward, so a settled country means settled ancestors.
            const decimal Total = 240 * 100_000.00m - 1_000.50m;
            await Eventually.Until(() => first.Api.GetRegion(Town), t => t.TaobaoVillages == 2 && t.AnnualTurnover == Total, "town counts both qualified villages");
            await Eventually.Until(() => first.Api.GetRegion("country-cn"), c => (c.Shops, c.TaobaoVillages, c.AnnualTurnover) == (240, 2, Total), "country counts every order");
            before = await Snapshot(first.Api, paths, shopIds);
            Assert.Contains("\"taobao-village\"", before, StringComparison.Ordinal);
        }
        finally
        {
            await first.StopAsync();
        }

        var second = new PostgresHost(database);
        try
        {
            var after = await Snapshot(second.Api, paths, shopIds);
            Assert.Equal(before, after);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    private static IEnumerable<string> Ancestors(Region town)
    {
        for (var region = town; region is not null; region = region.Parent)
        {
            yield return region.Id;
        }
    }

    /// <summary>Everything an operator reads, as one JSON document (minus the read time).</summary>
    private static async Task<string> Snapshot(TaobaoLiveClient api, IEnumerable<string> paths, IEnumerable<string> shopIds)
    {
        var regions = new List<RegionView>();
        foreach (var path in paths)
        {
            regions.Add((await api.GetRegion(path)) with { AsOf = default });
        }

        var children = (await api.GetChildren(Town)).Select(c => c with { AsOf = default }).ToList();
        var shops = new List<ShopView>();
        foreach (var id in shopIds)
        {
            shops.Add((await api.GetShop(id)) with { AsOf = default });
        }

        var clusters = await api.GetClusters();
        var statuses = regions.Select(r => (r.Path, r.Status, r.StatusSince, r.StatusCause)).ToList();
        return JsonSerializer.Serialize(new { regions, children, shops, clusters, statuses = statuses.Select(s => $"{s.Path}={s.Status}@{s.StatusSince:O}:{s.StatusCause}") }, TaobaoLiveJson.Options);
    }
}
