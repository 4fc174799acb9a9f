using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Clock;

[Collection(PipelineCollection.Name)]
public sealed class LapseByTimeTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Village_town_and_cluster_lapse_when_the_window_slides_past_their_orders_with_no_new_orders()
    {
        const string province = "时间省";
        var townPath = $"{TestGeography.Lapse}/时间镇";
        var paidAt = fixture.Time.GetUtcNow();
        var paidDay = BusinessCalendar.DayOf(paidAt);
        for (var i = 1; i <= 10; i++)
        {
            var shop = await fixture.RegisterShop($"lapse-{i}", TestGeography.T(i));
            await fixture.Sell(shop, Money.VillageThreshold, paidAt);
        }

        await fixture.WaitForRegion(townPath, s => s.Status == RegionStatus.TaobaoTown && s.Counts.TaobaoVillages == 10, "town qualified");
        // No neighbours or coordinates: the ten villages of one county are contiguous (fallback).
        var cluster = Assert.Single(await fixture.WaitForClusters(province, c => c.Count == 1, "cluster formed"));
        Assert.Equal(10, cluster.Size);

        // The last day the orders are inside the trailing 365 days: nothing lapses.
        await fixture.AdvanceDays(364);
        Assert.Equal(paidDay + 364, BusinessCalendar.DayOf(fixture.Time.GetUtcNow()));
        var stillQualified = await fixture.Region(TestGeography.T(1)).GetState();
        Assert.Equal(RegionStatus.TaobaoVillage, stillQualified.Status);
        Assert.Equal(Money.VillageThreshold, stillQualified.AnnualTurnoverFen);

        // One more day: the window no longer holds the orders.
        await fixture.AdvanceDays(1);
        var lapsedAt = BusinessCalendar.StartOf(paidDay + 365);
        for (var i = 1; i <= 10; i++)
        {
            var village = await fixture.Region(TestGeography.T(i)).GetState();
            Assert.Equal(RegionStatus.None, village.Status);
            Assert.Equal(0, village.AnnualTurnoverFen);
            Assert.Equal(new RegionCounts(1, 0, 0, 0, 0), village.Counts);
            var last = (await fixture.Region(TestGeography.T(i)).GetHistory())[^1];
            Assert.Equal((StatusChangeKind.Lapsed, lapsedAt), (last.Kind, last.EventTime));
            Assert.StartsWith("window slid to a new business day: ", last.Cause, StringComparison.Ordinal);
        }

        var town = await fixture.WaitForRegion(townPath, s => s.Status == RegionStatus.None, "town lapsed");
        Assert.Equal(new RegionCounts(10, 0, 0, 0, 0), town.Counts);
        Assert.Equal(0, town.AnnualTurnoverFen);
        await fixture.WaitForClusters(province, c => c.Count == 0, "cluster dissolved");
        var history = await fixture.Clusters(province).GetHistory();
        Assert.Equal(StatusChangeKind.ClusterDissolved, history[^1].Kind);
        Assert.Equal(cluster.Id, history[^1].SubjectId);
        Assert.Equal(lapsedAt, history[^1].EventTime);
        var provinceState = await fixture.WaitForRegion(province, s => s.Counts.Clusters == 0 && s.Counts.TaobaoVillages == 0, "province follows");
        Assert.Equal(0, provinceState.AnnualTurnoverFen);
    }
}
