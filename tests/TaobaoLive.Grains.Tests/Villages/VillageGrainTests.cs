using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Villages;

[Collection(PipelineCollection.Name)]
public sealed class VillageGrainTests(PipelineFixture fixture)
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_village_crosses_at_exactly_the_threshold_and_falls_back_when_a_refund_takes_one_fen()
    {
        var village = TestGeography.BasicVillage("二镇", "二镇1村");
        var shop = await fixture.RegisterShop("cross-1", village);

        await fixture.Sell(shop, Money.VillageThreshold - 1, Now, "cross-o1");
        var below = await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == Money.VillageThreshold - 1, "one fen below");
        Assert.Equal(RegionStatus.None, below.Status);
        Assert.Equal(new RegionCounts(1, 1, 0, 0, 0), below.Counts);

        var qualifiedAt = Now;
        await fixture.Sell(shop, 1, qualifiedAt, "cross-o2");
        var qualified = await fixture.WaitForRegion(village, s => s.Status == RegionStatus.TaobaoVillage, "qualified");
        Assert.Equal(Money.VillageThreshold, qualified.AnnualTurnoverFen);
        Assert.Equal(Money.VillageThreshold, qualified.TodayTurnoverFen);
        Assert.Equal(new RegionCounts(1, 1, 1, 0, 0), qualified.Counts);
        Assert.Equal(TestGeography.Households, qualified.Households);
        Assert.Equal(qualifiedAt, qualified.StatusSince);

        var refund = await shop.RecordOrders([new ShopOrder("cross-r1", 1, qualifiedAt, OrderKind.Refund)]);
        Assert.True(refund.IsAccepted);
        var lapsed = await fixture.WaitForRegion(village, s => s.Status == RegionStatus.None, "lapsed after refund");
        Assert.Equal(Money.VillageThreshold - 1, lapsed.AnnualTurnoverFen);

        var history = await fixture.Region(village).GetHistory();
        Assert.Equal(2, history.Count);
        Assert.Equal((StatusChangeKind.Qualified, StatusNames.None, StatusNames.TaobaoVillage), (history[0].Kind, history[0].From, history[0].To));
        Assert.Equal((StatusChangeKind.Lapsed, StatusNames.TaobaoVillage, StatusNames.None), (history[1].Kind, history[1].From, history[1].To));
        Assert.All(history, change =>
        {
            Assert.Equal(fixture.IdOf(village), change.SubjectId);
            Assert.Equal(SubjectKind.Village, change.Subject);
            Assert.Equal("二镇1村", change.Name);
            Assert.Equal(village, change.Path);
            Assert.Equal(qualifiedAt, change.EventTime);
        });
        Assert.Contains("RMB 10,000,000.00", history[0].Cause, StringComparison.Ordinal);
        Assert.Contains("RMB 9,999,999.99", history[1].Cause, StringComparison.Ordinal);

        var town = await fixture.WaitForRegion($"{TestGeography.Basic}/二镇", s => s.AnnualTurnoverFen == Money.VillageThreshold - 1, "town sums its village");
        Assert.Equal(RegionStatus.None, town.Status);
        Assert.Equal(new RegionCounts(1, 1, 0, 0, 0), town.Counts);
    }

    [Fact]
    public async Task Shops_count_as_active_only_with_a_paid_order_in_the_window()
    {
        var village = TestGeography.BasicVillage("三镇", "三镇4村");
        var seller = await fixture.RegisterShop("active-1", village);
        await fixture.RegisterShop("active-2-idle", village);

        await fixture.Sell(seller, 1_00, Now);

        var state = await fixture.WaitForRegion(village, s => s.AnnualTurnoverFen == 1_00 && s.Counts.Shops == 2, "one sale, two shops");
        Assert.Equal(new RegionCounts(2, 1, 0, 0, 0), state.Counts);
    }
}
