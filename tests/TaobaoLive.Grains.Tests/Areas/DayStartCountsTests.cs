using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Areas;

[CollectionDefinition(Name)]
public sealed class DayStartCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "day-start";
}

/// <summary>
/// The big screen's "+N today" is the country's count less its value as the business day began,
/// both from the country grain (it was counted from status events before, and disagreed with the
/// count: 49/+48). A silo of its own, since business time moves a day here.
/// </summary>
[Collection(DayStartCollection.Name)]
public sealed class DayStartCountsTests(PipelineFixture fixture)
{
    [Fact]
    public async Task The_day_starts_from_the_counts_left_by_the_day_before()
    {
        var country = RegionGrains.Area(fixture.Grains, fixture.Geography.Country.Id);
        await fixture.Sell(await fixture.RegisterShop("day-start-1", TestGeography.T(1)), Money.VillageThreshold, fixture.Time.GetUtcNow());
        await fixture.WaitForRegion("时间省", s => s.Counts.TaobaoVillages == 1, "first village counted");
        await Eventually.Until(() => country.GetState(), s => s.Counts.TaobaoVillages == 1, "the country counts it");

        var firstDay = await country.GetMinutes();
        Assert.Equal(0, firstDay.DayStart.TaobaoVillages);
        Assert.Equal(fixture.Time.GetUtcNow(), firstDay.Since);

        await fixture.AdvanceDays(1);
        await fixture.Sell(await fixture.RegisterShop("day-start-2", TestGeography.T(2)), Money.VillageThreshold, fixture.Time.GetUtcNow());
        await Eventually.Until(() => country.GetState(), s => s.Counts.TaobaoVillages == 2, "the country counts the second");

        var secondDay = await country.GetMinutes();
        Assert.Equal(new RegionCounts(1, 1, 1, 0, 0), secondDay.DayStart);
        Assert.Equal(2 - 1, (await country.GetState()).Counts.TaobaoVillages - secondDay.DayStart.TaobaoVillages);
        Assert.Equal(firstDay.Since, secondDay.Since);
    }
}
