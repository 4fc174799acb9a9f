using Orleans.Streams;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Streaming;

[Collection(PipelineCollection.Name)]
public sealed class UpwardSequenceTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_village_ignores_duplicate_reports()
    {
        var village = TestGeography.BasicVillage("三镇", "三镇1村");
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());
        var stream = VillageInbox(fixture.IdOf(village));

        var first = new ShopTurnover("dup-shop", 1, 1, [new DayTurnover(today, 10_00)], today);
        var second = new ShopTurnover("dup-shop", 2, 2, [new DayTurnover(today, 30_00)], today);
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([first]));
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([first, first, second]));
        await stream.OnNextAsync(new UpwardBatch<ShopTurnover>([second]));

        var state = await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 40_00, "both reports applied once");
        Assert.Equal((40_00L, 0L), (state.TodayTurnoverFen, state.UpwardGaps));
    }

    [Fact]
    public async Task A_gap_in_a_shops_reports_makes_the_village_take_its_shops_own_figures()
    {
        var village = TestGeography.BasicVillage("五镇", "五镇1村");
        var shop = await fixture.RegisterShop("gap-shop", village);
        await fixture.Sell(shop, 25_00, fixture.Time.GetUtcNow());
        await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 25_00, "the sale counted");
        var reported = await shop.GetContribution();
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());

        // Reports seq+1..seq+2 never arrive; seq+3 does: the village cannot trust its sum.
        await VillageInbox(fixture.IdOf(village)).OnNextAsync(new UpwardBatch<ShopTurnover>(
            [new ShopTurnover("gap-shop", reported.Seq + 3, reported.Seq + 3, [new DayTurnover(today, 99_00)], today, reported.Epoch)]));

        var state = await fixture.WaitForRegion(village, s => s.UpwardGaps == 1, "gap counted");
        Assert.Equal(25_00, state.AnnualTurnoverFen);
    }

    [Fact]
    public async Task A_report_sent_again_merged_with_a_later_one_makes_the_village_rebuild_instead_of_dropping_it()
    {
        var village = TestGeography.S(1);
        var shop = await fixture.RegisterShop("resent-shop", village);
        await fixture.Sell(shop, 25_00, fixture.Time.GetUtcNow());
        await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 25_00, "the sale counted");
        var reported = await shop.GetContribution();
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());

        // The shop's last report, published again after a publish that timed out once the queue had
        // taken it, merged with a later one (seq+1, 7.00) in the outbox. The village holds the first
        // part and not the second: it must take the shop's own figures, not drop the report.
        await VillageInbox(fixture.IdOf(village)).OnNextAsync(new UpwardBatch<ShopTurnover>(
            [new ShopTurnover("resent-shop", reported.Seq, reported.Seq + 1, [new DayTurnover(today, 32_00)], today, reported.Epoch)]));

        var state = await fixture.WaitForRegion(village, s => s.UpwardGaps == 1, "the overlap taken as a gap");
        Assert.Equal(25_00, state.AnnualTurnoverFen);
    }

    [Fact]
    public async Task A_shop_back_from_older_stored_state_makes_the_village_rebuild_instead_of_dropping_its_reports()
    {
        var village = TestGeography.BasicVillage("五镇", "五镇2村");
        var shop = await fixture.RegisterShop("crashed-shop", village);
        await fixture.Sell(shop, 20_00, fixture.Time.GetUtcNow());
        await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 20_00, "the first sale counted");
        var reported = await shop.GetContribution();
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());

        // The shop reported one more sale and lost it (a crash before its state was written): the
        // village counted it, the shop's stored state does not have it.
        await VillageInbox(fixture.IdOf(village)).OnNextAsync(new UpwardBatch<ShopTurnover>(
            [new ShopTurnover("crashed-shop", reported.Seq + 1, reported.Seq + 1, [new DayTurnover(today, 1_000_00)], today, reported.Epoch)]));
        await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 1_020_00, "the lost sale counted by the village");
        await fixture.Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(shop.GetGrainId());
        await Eventually.Until(
            async () => (await shop.GetContribution()).Epoch,
            epoch => epoch != reported.Epoch,
            "the shop reactivated from its stored state");

        // Its next report reuses the lost sequence number: without the epoch it would be dropped as
        // a duplicate and the village would be off by both sales for a year.
        await fixture.Sell(shop, 5_00, fixture.Time.GetUtcNow());

        var state = await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 25_00, "the village rebuilt from the shop");
        Assert.Equal(25_00, (await shop.GetState()).AnnualTurnoverFen);
        Assert.Equal(1, state.UpwardGaps);
    }

    [Fact]
    public async Task A_town_whose_village_reports_stop_adding_up_takes_the_villages_own_figures()
    {
        var villagePath = TestGeography.BasicVillage("五镇", "五镇3村");
        var townPath = $"{TestGeography.Basic}/五镇";
        var shop = await fixture.RegisterShop("town-gap-shop", villagePath);
        await fixture.Sell(shop, 12_00, fixture.Time.GetUtcNow());
        var village = RegionGrains.Village(fixture.Grains, fixture.IdOf(villagePath));
        var reported = await Eventually.Until(village.GetContribution, c => c.Days.Sum(d => d.Fen) == 12_00, "the village reported the sale");
        var before = await fixture.WaitForRegion(townPath, s => s.UpwardGaps == 0 && s.AnnualTurnoverFen >= 12_00, "the town counted it");
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());

        await TownInbox(fixture.IdOf(townPath)).OnNextAsync(new UpwardBatch<RegionTurnover>(
            [new RegionTurnover(village.GetPrimaryKeyString(), reported.Seq + 2, reported.Seq + 2, [new DayTurnover(today, 500_00)], reported.Counts, reported.Epoch)]));

        var town = await fixture.WaitForRegion(townPath, s => s.UpwardGaps == 1, "gap counted");
        Assert.Equal(before.AnnualTurnoverFen, town.AnnualTurnoverFen);
    }

    private IAsyncStream<UpwardBatch<ShopTurnover>> VillageInbox(string villageId) =>
        fixture.Stream<UpwardBatch<ShopTurnover>>(StreamNames.VillageInbox, villageId);

    private IAsyncStream<UpwardBatch<RegionTurnover>> TownInbox(string townId) =>
        fixture.Stream<UpwardBatch<RegionTurnover>>(StreamNames.TownInbox, townId);

    [Fact]
    public async Task A_town_ignores_duplicate_village_reports_and_keeps_the_newest_counts()
    {
        var townPath = $"{TestGeography.Basic}/四镇";
        var today = BusinessCalendar.DayOf(fixture.Time.GetUtcNow());
        var stream = TownInbox(fixture.IdOf(townPath));
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
