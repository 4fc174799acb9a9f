using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Geography;

/// <summary>
/// Makes every listed Guangdong village qualify through real orders (100 shops each selling RMB
/// 100,000.00: exactly RMB 10,000,000.00 and 100 active shops) and checks the towns, counties and
/// clusters that follow against what the raw list implies, on the built-in national geography (the
/// 2015 paths resolve to the villages they were matched to). The list has no households, so only the
/// shop-count criterion applies; with no coordinates or neighbours, a county's villages are contiguous.
/// </summary>
[Collection(BuiltInGeographyCollection.Name)]
public sealed class BuiltInGeographyTests(BuiltInGeographyFixture fixture)
{
    private const string Guangdong = "广东省";
    private const int ShopsPerVillage = 100;
    private const long PerShopFen = 100_000_00;

    /// <summary>The Guangdong rows of the shipped TSV, read directly (not through the loader).</summary>
    private static List<string[]> GuangdongRows() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "aliresearch-2015-taobao-villages.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0] == Guangdong)
            .ToList();

    [Fact]
    public async Task Every_Guangdong_village_qualifying_yields_the_towns_counties_and_clusters_the_list_implies()
    {
        var rows = GuangdongRows();
        Assert.Equal(157, rows.Count);
        var now = fixture.Time.GetUtcNow();

        await Parallel.ForEachAsync(rows.Select((row, index) => (row, index)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
        {
            var villageId = fixture.IdOf(string.Join('/', item.row));
            for (var s = 0; s < ShopsPerVillage; s++)
            {
                var shop = fixture.Shop($"gd-{item.index}-{s}");
                var registered = await shop.Register(villageId, null);
                Assert.True(registered.Registered, registered.Error);
                var result = await shop.RecordOrders([new ShopOrder($"gd-{item.index}-{s}-o", PerShopFen, now)]);
                Assert.True(result.IsAccepted);
            }
        });

        var townsOn2015List = rows.GroupBy(r => string.Join('/', r[..4])).ToDictionary(g => g.Key, g => g.Count());
        var counties = rows.GroupBy(r => string.Join('/', r[..3])).ToDictionary(g => g.Key, g => g.ToList());
        var expectedClusters = counties.Count(c => c.Value.Count >= 10);
        var expectedLarge = counties.Count(c => c.Value.Count >= 30);
        // What the 2015 list implies for Guangdong, counted once by hand from the TSV and kept as
        // literals so a change in the data or the rules shows up here.
        Assert.Equal((22, 7, 0), (townsOn2015List.Count(t => t.Value >= 3), expectedClusters, expectedLarge));

        // On the national geography the villages sit in today's towns: 广州市白云区's 太和镇 of 2015
        // has since been split (its listed villages are now in 太和镇, 大源街道 and 龙归街道), which
        // makes two more Taobao towns. Every village stays in its 2015 county, so counties and
        // clusters are exactly as the list implies.
        var townsNow = rows.GroupBy(r => fixture.Geography.Resolve(string.Join('/', r)).Parent!).ToDictionary(g => g.Key, g => g.Count());
        var expectedTaobaoTowns = townsNow.Count(t => t.Value >= 3);
        Assert.Equal(24, expectedTaobaoTowns);
        Assert.All(counties, c => Assert.Single(c.Value.Select(r => fixture.Geography.Resolve(string.Join('/', r)).AncestorAt(RegionLevel.County)).Distinct()));

        var province = await fixture.WaitForRegion(Guangdong, s => s.Counts.TaobaoVillages == 157 && s.Counts.TaobaoTowns == expectedTaobaoTowns && s.Counts.Clusters == expectedClusters, "all of Guangdong qualified");
        Assert.Equal(new RegionCounts(157 * ShopsPerVillage, 157 * ShopsPerVillage, 157, expectedTaobaoTowns, expectedClusters), province.Counts);
        Assert.Equal(157 * ShopsPerVillage * PerShopFen, province.AnnualTurnoverFen);
        Assert.Equal(157 * ShopsPerVillage * PerShopFen, province.TodayTurnoverFen);

        foreach (var (countyPath, villages) in counties)
        {
            var county = await fixture.Region(countyPath).GetState();
            var countyRegion = fixture.Geography.Resolve(countyPath);
            var towns = townsNow.Count(t => t.Value >= 3 && t.Key.Parent == countyRegion);
            Assert.Equal(
                new RegionCounts(villages.Count * ShopsPerVillage, villages.Count * ShopsPerVillage, villages.Count, towns, villages.Count >= 10 ? 1 : 0),
                county.Counts);
        }

        foreach (var (town, count) in townsNow)
        {
            var state = await fixture.Region(town.Path).GetState();
            Assert.Equal(count >= 3 ? RegionStatus.TaobaoTown : RegionStatus.None, state.Status);
        }

        var clusters = await fixture.Clusters(Guangdong).GetClusters();
        Assert.Equal(
            counties.Where(c => c.Value.Count >= 10).Select(c => c.Value.Count).Order(),
            clusters.Select(c => c.Size).Order());
        Assert.All(clusters, c => Assert.Equal(c.Size * ShopsPerVillage * PerShopFen, c.AnnualTurnoverFen));

        var country = await fixture.WaitForRegion("中国", s => s.Counts.TaobaoVillages == 157, "country");
        Assert.Equal(new RegionCounts(157 * ShopsPerVillage, 157 * ShopsPerVillage, 157, expectedTaobaoTowns, expectedClusters), country.Counts);
    }
}
