using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Towns;

[Collection(PipelineCollection.Name)]
public sealed class TownGrainTests(PipelineFixture fixture)
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_town_becomes_a_Taobao_town_with_its_third_Taobao_village_and_areas_above_count_it()
    {
        var townPath = $"{TestGeography.Basic}/一镇";
        for (var i = 1; i <= 3; i++)
        {
            var village = TestGeography.BasicVillage("一镇", $"一镇{i}村");
            var shop = await fixture.RegisterShop($"town-shop-{i}", village);
            await fixture.Sell(shop, Money.VillageThreshold, Now);
            await fixture.WaitForRegion(village, s => s.Status == RegionStatus.TaobaoVillage, "qualified");
            var town = await fixture.WaitForRegion(townPath, s => s.Counts.TaobaoVillages == i, $"{i} Taobao villages");
            Assert.Equal(i == 3 ? RegionStatus.TaobaoTown : RegionStatus.None, town.Status);
        }

        var final = await fixture.Region(townPath).GetState();
        Assert.Equal(new RegionCounts(3, 3, 3, 1, 0), final.Counts);
        Assert.Equal(3 * Money.VillageThreshold, final.AnnualTurnoverFen);
        Assert.Equal(RegionLevel.Town, final.Level);
        Assert.Equal("一镇", final.Name);

        var history = await fixture.Region(townPath).GetHistory();
        var change = Assert.Single(history);
        Assert.Equal((SubjectKind.Town, StatusChangeKind.Qualified, StatusNames.None, StatusNames.TaobaoTown), (change.Subject, change.Kind, change.From, change.To));

        var county = await fixture.WaitForRegion(TestGeography.Basic, s => s.Counts.TaobaoTowns == 1 && s.Counts.TaobaoVillages >= 3, "county counts the town");
        Assert.Equal(RegionLevel.County, county.Level);
        var province = await fixture.WaitForRegion("测试省", s => s.Counts.TaobaoTowns == 1, "province counts the town");
        Assert.Equal(RegionLevel.Province, province.Level);
        var country = await fixture.WaitForRegion("中国", s => s.Counts.TaobaoTowns >= 1, "country counts the town");
        Assert.Equal(RegionLevel.Country, country.Level);
    }
}
