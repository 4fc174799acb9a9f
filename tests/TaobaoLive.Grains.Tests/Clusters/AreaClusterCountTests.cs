using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Clusters;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Clusters;

/// <summary>
/// A province's cluster grain reports each county's, city's and the province's cluster count as one
/// more of its children, through the outbox with its own sequence: an area rebuilds that count from
/// the cluster grain as it rebuilds everything else from its child regions.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class AreaClusterCountTests(PipelineFixture fixture)
{
    private const string Province = "重建省";
    private const string City = "重建省/己市";

    [Fact]
    public async Task A_county_back_from_state_stored_before_the_cluster_formed_learns_its_count_when_it_rebuilds()
    {
        await FormCluster();
        var county = fixture.Region(TestGeography.Rebuild);
        var storage = fixture.Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

        // A crash left the county's state as written before the cluster formed: its towns' counts
        // as they are now, but no word of the cluster.
        await fixture.Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(county.GetGrainId());
        var stored = await Eventually.Until(
            async () =>
            {
                var state = new GrainState<AggregateState>(new AggregateState());
                await storage.ReadStateAsync("area", county.GetGrainId(), state);
                return state;
            },
            s => s.State is { Clean: true },
            "the county's graceful deactivation written");
        Assert.NotNull(stored.State);
        Assert.Contains(ClusterLinks.ChildId(fixture.IdOf(Province)), stored.State.Children.Keys);
        stored.State.Children.Remove(ClusterLinks.ChildId(fixture.IdOf(Province)));
        stored.State.ClusterCount = 0;
        stored.State.Clean = false;
        await storage.WriteStateAsync("area", county.GetGrainId(), stored);

        var rebuilt = await fixture.WaitForRegion(TestGeography.Rebuild, s => s.Counts.Clusters == 1, "the count rebuilt from the cluster grain");

        Assert.Equal(new RegionCounts(10, 10, 10, 1, 1), rebuilt.Counts);
        Assert.Equal(0, rebuilt.UpwardGaps);
    }

    [Fact]
    public async Task A_cluster_count_report_that_does_not_follow_on_makes_the_city_take_the_cluster_grains_own_count()
    {
        await FormCluster();
        var provinceId = fixture.IdOf(Province);
        var city = fixture.Region(City);
        var before = await city.GetState();
        var reported = await fixture.Clusters(Province).GetContribution(fixture.IdOf(City));
        Assert.Equal(1, reported.Counts.Clusters);

        // Reports seq+1..seq+2 never arrive; seq+3 does, with a count the cluster grain never had.
        await fixture.Stream<UpwardBatch<RegionTurnover>>(StreamNames.RegionInbox, fixture.IdOf(City)).OnNextAsync(new UpwardBatch<RegionTurnover>(
            [new RegionTurnover(ClusterLinks.ChildId(provinceId), reported.Seq + 3, reported.Seq + 3, [], RegionCounts.Zero with { Clusters = 7 }, reported.Epoch)]));

        var state = await fixture.WaitForRegion(City, s => s.UpwardGaps == before.UpwardGaps + 1, "gap counted");
        Assert.Equal(1, state.Counts.Clusters);
        Assert.Equal(new RegionCounts(10, 10, 10, 1, 1), state.Counts);
    }

    private async Task FormCluster()
    {
        for (var i = 1; i <= 10; i++)
        {
            var village = TestGeography.Q(i);
            if ((await fixture.Region(village).GetState()).Status == RegionStatus.TaobaoVillage)
            {
                continue;
            }

            var shop = await fixture.RegisterShop($"rebuild-q{i}", village);
            await fixture.Sell(shop, Money.VillageThreshold, fixture.Time.GetUtcNow(), $"rebuild-q{i}-o");
        }

        await fixture.WaitForClusters(Province, c => c.Count == 1 && c[0].Size == 10, "the cluster formed");
        await fixture.WaitForRegion(TestGeography.Rebuild, s => s.Counts == new RegionCounts(10, 10, 10, 1, 1), "the county counts it");
        await fixture.WaitForRegion(City, s => s.Counts == new RegionCounts(10, 10, 10, 1, 1), "the city counts it");
    }
}
