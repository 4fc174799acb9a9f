using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Clusters;

[Collection(PipelineCollection.Name)]
public sealed class ClusterGrainTests(PipelineFixture fixture)
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task Qualify(string villagePath, string shopId)
    {
        var shop = await fixture.RegisterShop(shopId, villagePath);
        await fixture.Sell(shop, Money.VillageThreshold, Now, $"{shopId}-o");
        await fixture.WaitForRegion(villagePath, s => s.Status == RegionStatus.TaobaoVillage, "qualified");
    }

    private HashSet<string> Ids(IEnumerable<string> paths) => paths.Select(fixture.IdOf).ToHashSet();

    [Fact]
    public async Task Clusters_form_at_ten_merge_through_a_bridge_and_split_when_the_bridge_lapses()
    {
        const string province = "集群省";
        var aVillages = Enumerable.Range(1, 10).Select(TestGeography.A).ToList();
        var bVillages = Enumerable.Range(1, 10).Select(TestGeography.B).ToList();

        for (var i = 0; i < 9; i++)
        {
            await Qualify(aVillages[i], $"bridge-a{i + 1}");
        }

        Assert.Empty(await fixture.Clusters(province).GetClusters());

        await Qualify(aVillages[9], "bridge-a10");
        var formed = await fixture.WaitForClusters(province, c => c.Count == 1, "cluster A formed");
        var clusterA = formed[0];
        Assert.Equal(10, clusterA.Size);
        Assert.Equal(Money.ClusterThreshold, clusterA.AnnualTurnoverFen);
        Assert.False(clusterA.IsLarge);
        Assert.Equal(Ids(aVillages), clusterA.Members.ToHashSet());
        Assert.Equal(fixture.IdOf(province), clusterA.ProvinceId);

        for (var i = 0; i < 10; i++)
        {
            await Qualify(bVillages[i], $"bridge-b{i + 1}");
        }

        var two = await fixture.WaitForClusters(province, c => c.Count == 2, "cluster B formed");
        var clusterB = two.Single(c => c.Id != clusterA.Id);
        Assert.Equal(Ids(bVillages), clusterB.Members.ToHashSet());

        await Qualify(TestGeography.BridgeVillage, "bridge-x");
        var merged = await fixture.WaitForClusters(province, c => c.Count == 1, "merged through the bridge");
        Assert.Equal(clusterA.Id, merged[0].Id);
        Assert.Equal(21, merged[0].Size);
        Assert.Equal(21 * Money.VillageThreshold, merged[0].AnnualTurnoverFen);
        Assert.Equal(Ids([.. aVillages, .. bVillages, TestGeography.BridgeVillage]), merged[0].Members.ToHashSet());

        var refund = await fixture.Shop("bridge-x").RecordOrders([new ShopOrder("bridge-x-r", 1, Now, OrderKind.Refund)]);
        Assert.True(refund.IsAccepted);
        var split = await fixture.WaitForClusters(province, c => c.Count == 2, "split when the bridge lapsed");
        Assert.Contains(split, c => c.Id == clusterA.Id);
        var newId = split.Single(c => c.Id != clusterA.Id).Id;
        Assert.NotEqual(clusterB.Id, newId);
        Assert.Equal(
            new[] { Ids(aVillages), Ids(bVillages) }.Select(s => string.Join(",", s.Order())).Order(),
            split.Select(c => string.Join(",", c.Members.Order())).Order());

        var history = await fixture.Clusters(province).GetHistory();
        Assert.Equal(
            [
                (StatusChangeKind.ClusterFormed, clusterA.Id, StatusNames.None, StatusNames.Cluster),
                (StatusChangeKind.ClusterFormed, clusterB.Id, StatusNames.None, StatusNames.Cluster),
                (StatusChangeKind.ClusterMerged, clusterA.Id, StatusNames.Cluster, StatusNames.Cluster),
                (StatusChangeKind.ClusterSplit, clusterA.Id, StatusNames.Cluster, StatusNames.Cluster),
            ],
            history.Select(h => (h.Kind, h.SubjectId, h.From, h.To)));
        Assert.Equal([clusterB.Id], history[2].RelatedIds);
        Assert.Equal([newId], history[3].RelatedIds);
        Assert.All(history, h => Assert.Equal(province, h.Path));
        // Events name a cluster after its county, with its size; while two clusters share the county
        // both names carry the town holding most of their villages. (The split leaves cluster A's id
        // with the part whose smallest village id is smallest: here the 乙镇 villages.)
        var keptTown = split.Single(c => c.Id == clusterA.Id).Members.SequenceEqual(Ids(bVillages).Order(StringComparer.Ordinal)) ? "乙镇" : "甲镇";
        Assert.Equal(["二县集群 (10)", "二县乙镇集群 (10)", "二县集群 (21)", $"二县{keptTown}集群 (10)"], history.Select(h => h.Name));
        // Causes name villages by name and path and clusters by these names, never by id.
        var otherTown = keptTown == "乙镇" ? "甲镇" : "乙镇";
        Assert.Equal(
            [
                "village A10村 (集群省/乙市/二县/甲镇) became a Taobao village: cluster 二县集群 (10) formed (10 villages, RMB 100,000,000.00)",
                "village B10村 (集群省/乙市/二县/乙镇) became a Taobao village: cluster 二县乙镇集群 (10) formed (10 villages, RMB 100,000,000.00)",
                "village X村 (集群省/乙市/二县/桥镇) became a Taobao village: cluster 二县乙镇集群 (10) merged into cluster 二县集群 (21) (21 villages, RMB 210,000,000.00)",
                $"village X村 (集群省/乙市/二县/桥镇) is no longer a Taobao village: cluster 二县{keptTown}集群 (10) split; 二县{keptTown}集群 (10) keeps 10 villages (RMB 100,000,000.00), 二县{otherTown}集群 (10) split off as a cluster",
            ],
            history.Select(h => h.Cause));

        // Before the bridge qualified the province also showed 20 villages in 2 clusters, so wait on the refunded total too.
        var provinceState = await fixture.WaitForRegion(
            province,
            s => s.Counts.Clusters == 2 && s.Counts.TaobaoVillages == 20 && s.AnnualTurnoverFen == (21 * Money.VillageThreshold) - 1,
            "province counts after the refund");
        Assert.Equal(new RegionCounts(21, 21, 20, 2, 2), provinceState.Counts);
        var county = await fixture.WaitForRegion(TestGeography.Bridge, s => s.Counts.Clusters == 2, "county counts");
        // 甲镇 and 乙镇 hold ten Taobao villages each: two Taobao towns.
        Assert.Equal(new RegionCounts(21, 21, 20, 2, 2), county.Counts);
    }

    [Fact]
    public async Task A_cluster_becomes_large_at_thirty_villages()
    {
        const string province = "大省";
        for (var i = 1; i <= 29; i++)
        {
            await Qualify(TestGeography.C(i), $"large-c{i}");
        }

        var before = await fixture.WaitForClusters(province, c => c.Count == 1 && c[0].Size == 29, "29 villages");
        Assert.False(before[0].IsLarge);

        await Qualify(TestGeography.C(30), "large-c30");
        var large = await fixture.WaitForClusters(province, c => c.Count == 1 && c[0].Size == 30, "30 villages");
        Assert.True(large[0].IsLarge);
        Assert.Equal(before[0].Id, large[0].Id);
        Assert.Equal(30 * Money.VillageThreshold, large[0].AnnualTurnoverFen);

        var history = await fixture.Clusters(province).GetHistory();
        var last = history.TakeLast(2).Select(h => (h.Kind, h.From, h.To)).ToList();
        Assert.Contains((StatusChangeKind.ClusterGrew, StatusNames.LargeCluster, StatusNames.LargeCluster), last);
        Assert.Contains((StatusChangeKind.ClusterBecameLarge, StatusNames.Cluster, StatusNames.LargeCluster), last);
        Assert.Equal(StatusChangeKind.ClusterFormed, history[0].Kind);
        // Formed at 10, grew with each of villages 11..29, grew and became large at 30.
        Assert.Equal(1 + 19 + 2, history.Count);
    }
}
