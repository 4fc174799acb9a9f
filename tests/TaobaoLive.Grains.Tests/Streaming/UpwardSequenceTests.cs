using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Streaming;

[Collection(PipelineCollection.Name)]
public sealed class UpwardSequenceTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_village_ignores_duplicate_reports_and_counts_a_gap()
    {
        var village = TestGeography.BasicVillage("三镇", "三镇1村");
        var villageId = fixture.IdOf(village);
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());
        var stream = fixture.Silo.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamNames.Provider)
            .GetStream<UpwardBatch<ShopTurnover>>(StreamId.Create(StreamNames.VillageInbox, villageId));

        var first = new ShopTurnover("dup-shop", 1, 1, [new DayTurnover(today, 10_00)], today);
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([first]));
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([first, first]));
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([new ShopTurnover("dup-shop", 3, 3, [new DayTurnover(today, 30_00)], today)]));

        var state = await fixture.WaitForRegion(village, s => s.UpwardGaps == 1, "gap counted");
        Assert.Equal(40_00, state.AnnualTurnoverFen);
        Assert.Equal(40_00, state.TodayTurnoverFen);
    }

    [Fact]
    public async Task A_town_ignores_duplicate_village_reports_and_keeps_the_newest_counts()
    {
        var townPath = $"{TestGeography.Basic}/四镇";
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());
        var stream = fixture.Silo.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamNames.Provider)
            .GetStream<UpwardBatch<RegionTurnover>>(StreamId.Create(StreamNames.TownInbox, fixture.IdOf(townPath)));
        var child = fixture.IdOf(TestGeography.BasicVillage("四镇", "四镇1村"));

        var first = new RegionTurnover(child, 1, 1, [new DayTurnover(today, 5_00)], new RegionCounts(3, 2, 0, 0, 0));
        var second = new RegionTurnover(child, 2, 2, [new DayTurnover(today, 7_00)], new RegionCounts(4, 3, 0, 0, 0));
        await stream.OnNextAsync(new UpwardBatch<RegionTurnover>([first, first]));
        await stream.OnNextAsync(new UpwardBatch<RegionTurnover>([second, first, second]));

        var town = await fixture.WaitForRegion(townPath, s => s.AnnualTurnoverFen == 12_00, "both reports applied once");
        Assert.Equal(new RegionCounts(4, 3, 0, 0, 0), town.Counts);
        Assert.Equal(0, town.UpwardGaps);
        Assert.Equal(12_00, town.TodayTurnoverFen);
    }
}
