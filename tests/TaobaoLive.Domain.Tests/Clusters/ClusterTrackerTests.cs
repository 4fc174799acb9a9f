using TaobaoLive.Domain.Clusters;
using static TaobaoLive.Domain.Tests.Clusters.Villages;

namespace TaobaoLive.Domain.Tests.Clusters;

public sealed class ClusterTrackerTests
{
    private const ClusterChangeKind Formed = ClusterChangeKind.Formed;
    private const ClusterChangeKind Grew = ClusterChangeKind.Grew;
    private const ClusterChangeKind Shrank = ClusterChangeKind.Shrank;
    private const ClusterChangeKind Merged = ClusterChangeKind.Merged;
    private const ClusterChangeKind Split = ClusterChangeKind.Split;
    private const ClusterChangeKind Dissolved = ClusterChangeKind.Dissolved;
    private const ClusterChangeKind BecameLarge = ClusterChangeKind.BecameLarge;
    private const ClusterChangeKind NoLongerLarge = ClusterChangeKind.NoLongerLarge;

    [Fact]
    public void AliResearch_thresholds_are_ten_villages_RMB_100_million_and_thirty_for_large()
    {
        Assert.Equal(new ClusterThresholds(10, 10_000_000_000, 30), ClusterThresholds.AliResearch);
    }

    [Fact]
    public void Nine_villages_are_no_cluster_and_the_tenth_forms_one()
    {
        var tracker = Tracker(Graph(Chain("a", 10)));

        Assert.Empty(tracker.Apply(Range("a", 1, 9)));
        Assert.Empty(tracker.Clusters);
        Assert.Equal([$"cl-1|9|{9 * TenMillion}|False|" + string.Join(",", Names("a", 1, 9))], Full(tracker.Components));
        Assert.Equal("cl-1", tracker.ComponentOf("a01"));
        Assert.Null(tracker.ClusterOf("a01"));

        var change = Assert.Single(tracker.Apply([On("a10")]));

        Assert.Equal((Formed, "cl-1", 10, 10 * TenMillion, false), (change.Kind, change.ClusterId, change.Size, change.CombinedTurnoverFen, change.IsLarge));
        Assert.Empty(change.RelatedClusterIds);
        Assert.Equal(Names("a", 1, 10), change.Members);
        Assert.Equal("village a10 became a Taobao village: cluster cl-1 formed (10 villages, RMB 100,000,000.00)", change.Cause);
        var cluster = Assert.Single(tracker.Clusters);
        Assert.Equal(("cl-1", 10, 10 * TenMillion, false), (cluster.Id, cluster.Size, cluster.CombinedTurnoverFen, cluster.IsLarge));
        Assert.Equal(Names("a", 1, 10), cluster.Members);
        Assert.Equal("cl-1", tracker.ClusterOf("a05"));
    }

    [Fact]
    public void Ten_villages_at_once_form_a_cluster_whose_cause_names_the_first_villages()
    {
        var tracker = Tracker(Graph(Chain("a", 10)));

        var change = Assert.Single(tracker.Apply(Range("a", 1, 10)));

        Assert.Equal("villages a01, a02, a03 and 7 more became Taobao villages: cluster cl-1 formed (10 villages, RMB 100,000,000.00)", change.Cause);
    }

    [Fact]
    public void Ten_villages_one_fen_short_form_no_cluster_until_turnover_rises_and_dissolve_when_it_falls()
    {
        var tracker = Tracker(Graph(Chain("a", 10)));
        Assert.Empty(tracker.Apply([.. Range("a", 1, 9), On("a10", TenMillion - 1)]));
        Assert.Equal((10, (10 * TenMillion) - 1), (tracker.Components.Single().Size, tracker.Components.Single().CombinedTurnoverFen));

        var formed = Assert.Single(tracker.Apply([On("a10", TenMillion)]));
        Assert.Equal((Formed, "cl-1", 10, 10 * TenMillion), (formed.Kind, formed.ClusterId, formed.Size, formed.CombinedTurnoverFen));
        Assert.Equal("the annual turnover of village a10 rose: cluster cl-1 formed (10 villages, RMB 100,000,000.00)", formed.Cause);

        var dissolved = Assert.Single(tracker.Apply([On("a03", TenMillion - 1)]));
        Assert.Equal((Dissolved, "cl-1", 10, (10 * TenMillion) - 1, false), (dissolved.Kind, dissolved.ClusterId, dissolved.Size, dissolved.CombinedTurnoverFen, dissolved.IsLarge));
        Assert.Equal(Names("a", 1, 10), dissolved.Members);
        Assert.Equal(
            "the annual turnover of village a03 fell: cluster cl-1 dissolved (10 villages, RMB 99,999,999.99; a cluster needs 10 villages, RMB 100,000,000.00)",
            dissolved.Cause);
        Assert.Empty(tracker.Clusters);
        Assert.Equal("cl-1", tracker.ComponentOf("a03"));
    }

    [Fact]
    public void A_turnover_change_that_keeps_a_cluster_a_cluster_reports_nothing()
    {
        var tracker = Tracker(Graph(Chain("v", 12)));
        tracker.Apply(Range("v", 1, 12));

        Assert.Empty(tracker.Apply([On("v03", 3 * TenMillion), On("v04", TenMillion - 5)]));

        Assert.Equal(((14 * TenMillion) - 5, 12), (tracker.Clusters.Single().CombinedTurnoverFen, tracker.Clusters.Single().Size));
    }

    [Fact]
    public void Causes_name_villages_and_clusters_as_the_caller_names_them_while_ids_stay_ids()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10), [Link("x", "a10", "b01")]));
        var names = new ChangeNames(id => $"{id}村 (省/市/县/镇)", id => $"{id}集群 ({tracker.Clusters.SingleOrDefault(c => c.Id == id)?.Size ?? 10})");
        Assert.Equal(
            "villages a01村 (省/市/县/镇), a02村 (省/市/县/镇), a03村 (省/市/县/镇) and 7 more became Taobao villages: cluster cl-1集群 (10) formed (10 villages, RMB 100,000,000.00)",
            Assert.Single(tracker.Apply(Range("a", 1, 10), names)).Cause);
        tracker.Apply(Range("b", 1, 10), names);

        var merged = Assert.Single(tracker.Apply([On("x")], names));

        Assert.Equal(
            "village x村 (省/市/县/镇) became a Taobao village: cluster cl-2集群 (10) merged into cluster cl-1集群 (21) (21 villages, RMB 210,000,000.00)",
            merged.Cause);
        Assert.Equal("cl-1", merged.ClusterId);
        Assert.Equal(["cl-2"], merged.RelatedClusterIds);
        Assert.Contains("x", merged.Members);
    }

    [Fact]
    public void A_bridging_village_merges_two_clusters_and_its_lapse_splits_them_again()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10), [Link("x", "a10", "b01")]));
        Assert.Equal([(Formed, "cl-1", 10, "")], Summary(tracker.Apply(Range("a", 1, 10))));
        Assert.Equal([(Formed, "cl-2", 10, "")], Summary(tracker.Apply(Range("b", 1, 10))));

        var merged = Assert.Single(tracker.Apply([On("x")]));

        // Both parts were clusters of 10: the older id survives.
        Assert.Equal((Merged, "cl-1", 21, 21 * TenMillion, false), (merged.Kind, merged.ClusterId, merged.Size, merged.CombinedTurnoverFen, merged.IsLarge));
        Assert.Equal(["cl-2"], merged.RelatedClusterIds);
        Assert.Equal([.. Names("a", 1, 10), .. Names("b", 1, 10), "x"], merged.Members);
        Assert.Equal("village x became a Taobao village: cluster cl-2 merged into cluster cl-1 (21 villages, RMB 210,000,000.00)", merged.Cause);
        Assert.Equal(["cl-1"], tracker.Clusters.Select(c => c.Id));
        Assert.Equal("cl-1", tracker.ClusterOf("b05"));

        var split = Assert.Single(tracker.Apply([Off("x")]));

        // Equal parts: the one holding the smallest village id (a01) keeps the id; the other gets a new one.
        Assert.Equal((Split, "cl-1", 10, 10 * TenMillion, false), (split.Kind, split.ClusterId, split.Size, split.CombinedTurnoverFen, split.IsLarge));
        Assert.Equal(["cl-3"], split.RelatedClusterIds);
        Assert.Equal(Names("a", 1, 10), split.Members);
        Assert.Equal("village x is no longer a Taobao village: cluster cl-1 split; cl-1 keeps 10 villages (RMB 100,000,000.00), cl-3 split off as a cluster", split.Cause);
        Assert.Equal(
            [$"cl-1|10|{10 * TenMillion}|False|" + string.Join(",", Names("a", 1, 10)), $"cl-3|10|{10 * TenMillion}|False|" + string.Join(",", Names("b", 1, 10))],
            Full(tracker.Clusters));
        Assert.Null(tracker.ComponentOf("x"));
    }

    [Theory]
    [InlineData(12, 10, "cl-1", "cl-2")]
    [InlineData(10, 12, "cl-2", "cl-1")]
    public void The_larger_of_two_clusters_survives_a_merge(int aLength, int bLength, string survivor, string absorbed)
    {
        var tracker = Tracker(Graph(Chain("a", aLength), Chain("b", bLength), [Link("x", Name("a", aLength), "b01")]));
        tracker.Apply(Range("a", 1, aLength));
        tracker.Apply(Range("b", 1, bLength));

        Assert.Equal([(Merged, survivor, 23, absorbed)], Summary(tracker.Apply([On("x")])));
        Assert.Equal([survivor], tracker.Components.Select(c => c.Id));
    }

    [Fact]
    public void A_cluster_absorbing_a_larger_non_cluster_keeps_its_id_and_grew()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 15), [Link("x", "a10", "b01")]));
        tracker.Apply(Range("b", 1, 15, fen: 1));
        tracker.Apply(Range("a", 1, 10));
        Assert.Equal(["cl-1", "cl-2"], tracker.Components.Select(c => c.Id));

        var grew = Assert.Single(tracker.Apply([On("x")]));

        Assert.Equal((Grew, "cl-2", 26, (11 * TenMillion) + 15), (grew.Kind, grew.ClusterId, grew.Size, grew.CombinedTurnoverFen));
        Assert.Empty(grew.RelatedClusterIds);
        Assert.Equal("village x became a Taobao village: cluster cl-2 grew from 10 to 26 villages (RMB 110,000,000.15)", grew.Cause);
        Assert.Equal(["cl-2"], tracker.Components.Select(c => c.Id));
        Assert.Equal("cl-2", tracker.ClusterOf("b15"));
    }

    [Theory]
    [InlineData(5, 5, "cl-1")]
    [InlineData(4, 6, "cl-2")]
    [InlineData(6, 4, "cl-1")]
    public void Non_clusters_merging_into_a_cluster_form_it_under_the_larger_or_older_id(int aLength, int bLength, string survivor)
    {
        var tracker = Tracker(Graph(Chain("a", aLength), Chain("b", bLength), [Link("x", Name("a", aLength), "b01")]));
        tracker.Apply(Range("a", 1, aLength));
        tracker.Apply(Range("b", 1, bLength));

        var formed = Assert.Single(tracker.Apply([On("x")]));

        Assert.Equal((Formed, survivor, 11), (formed.Kind, formed.ClusterId, formed.Size));
        Assert.Empty(formed.RelatedClusterIds);
        Assert.Equal([survivor], tracker.Components.Select(c => c.Id));
    }

    [Fact]
    public void Three_clusters_meeting_at_one_village_merge_into_the_oldest_and_become_large()
    {
        var tracker = Tracker(Graph(Chain("p", 10), Chain("q", 10), Chain("r", 10), [Link("h", "p10", "q10", "r10")]));
        tracker.Apply(Range("p", 1, 10));
        tracker.Apply(Range("q", 1, 10));
        tracker.Apply(Range("r", 1, 10));

        var changes = tracker.Apply([On("h")]);

        Assert.Equal([(Merged, "cl-1", 31, "cl-2,cl-3"), (BecameLarge, "cl-1", 31, "")], Summary(changes));
        Assert.All(changes, c => Assert.True(c.IsLarge));
        Assert.Equal("village h became a Taobao village: clusters cl-2 and cl-3 merged into cluster cl-1 (31 villages, RMB 310,000,000.00)", changes[0].Cause);
        Assert.Equal("village h became a Taobao village: cluster cl-1 reached 31 villages, a large-scale cluster (30 or more)", changes[1].Cause);
    }

    [Fact]
    public void A_split_leaving_parts_below_ten_lists_none_and_dissolves_the_cluster()
    {
        var tracker = Tracker(Graph(Chain("v", 15)));
        tracker.Apply(Range("v", 1, 15));

        var changes = tracker.Apply([Off("v08")]);

        Assert.Equal([(Split, "cl-1", 7, ""), (Dissolved, "cl-1", 7, "")], Summary(changes));
        Assert.Equal("village v08 is no longer a Taobao village: cluster cl-1 split; cl-1 keeps 7 villages (RMB 70,000,000.00), the rest is below the cluster thresholds", changes[0].Cause);
        Assert.Equal(
            "village v08 is no longer a Taobao village: cluster cl-1 dissolved (7 villages, RMB 70,000,000.00; a cluster needs 10 villages, RMB 100,000,000.00)",
            changes[1].Cause);
        Assert.Empty(tracker.Clusters);
        Assert.Equal(
            [$"cl-1|7|{7 * TenMillion}|False|" + string.Join(",", Names("v", 1, 7)), $"cl-2|7|{7 * TenMillion}|False|" + string.Join(",", Names("v", 9, 15))],
            Full(tracker.Components));
    }

    [Fact]
    public void A_lopsided_split_keeps_the_id_with_the_larger_part_and_lists_no_small_part()
    {
        var tracker = Tracker(Graph(Chain("v", 25)));
        tracker.Apply(Range("v", 1, 25));

        Assert.Equal([(Split, "cl-1", 20, "")], Summary(tracker.Apply([Off("v05")])));

        Assert.Equal("cl-1", tracker.ClusterOf("v25"));
        Assert.Equal("cl-2", tracker.ComponentOf("v01"));
        Assert.Null(tracker.ClusterOf("v01"));
    }

    [Fact]
    public void A_split_into_three_clusters_lists_both_new_ones_and_ends_large_scale()
    {
        var tracker = Tracker(Graph(Chain("v", 32)));
        tracker.Apply(Range("v", 1, 32));

        var changes = tracker.Apply([Off("v22"), Off("v11")]);

        Assert.Equal([(Split, "cl-1", 10, "cl-2,cl-3"), (NoLongerLarge, "cl-1", 10, "")], Summary(changes));
        Assert.Equal(
            "villages v11 and v22 are no longer Taobao villages: cluster cl-1 split; cl-1 keeps 10 villages (RMB 100,000,000.00), clusters cl-2 and cl-3 split off",
            changes[0].Cause);
        Assert.Equal(
            [("cl-1", "v01"), ("cl-2", "v12"), ("cl-3", "v23")],
            tracker.Clusters.Select(c => (c.Id, c.Members[0])));
    }

    [Fact]
    public void A_large_part_split_off_is_named_by_the_split_and_becomes_large_under_its_new_id()
    {
        var tracker = Tracker(Graph(Chain("v", 65)));
        tracker.Apply(Range("v", 1, 65));

        var changes = tracker.Apply([Off("v31")]);

        Assert.Equal([(Split, "cl-1", 34, "cl-2"), (BecameLarge, "cl-2", 30, "")], Summary(changes));
        Assert.Equal("village v31 is no longer a Taobao village: cluster cl-2 reached 30 villages, a large-scale cluster (30 or more)", changes[1].Cause);
        Assert.Equal([("cl-1", 34, true), ("cl-2", 30, true)], tracker.Clusters.Select(c => (c.Id, c.Size, c.IsLarge)));
    }

    [Fact]
    public void A_split_and_a_merge_in_one_batch_are_both_reported()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10), Chain("c", 10), [Link("x", "a10", "b01"), Link("y", "c10", "a01")]));
        tracker.Apply([.. Range("a", 1, 10), .. Range("b", 1, 10), On("x")]);
        tracker.Apply(Range("c", 1, 10));

        var changes = tracker.Apply([Off("x"), On("y")]);

        // The first batch used cl-2 for the b chain before x merged it into cl-1; the c chain is cl-3.
        Assert.Equal([(Merged, "cl-1", 21, "cl-3"), (Split, "cl-1", 21, "cl-4")], Summary(changes));
        Assert.Equal(
            "village y became a Taobao village; village x is no longer a Taobao village: cluster cl-3 merged into cluster cl-1 (21 villages, RMB 210,000,000.00)",
            changes[0].Cause);
        Assert.Equal([.. Names("a", 1, 10), .. Names("c", 1, 10), "y"], tracker.Clusters.Single(c => c.Id == "cl-1").Members);
        Assert.Equal(Names("b", 1, 10), tracker.Clusters.Single(c => c.Id == "cl-4").Members);
    }

    [Fact]
    public void A_split_healed_in_the_same_batch_reports_nothing()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10), [Link("x", "a10", "b01"), Link("y", "a10", "b01")]));
        tracker.Apply([.. Range("a", 1, 10), .. Range("b", 1, 10), On("x")]);

        Assert.Empty(tracker.Apply([Off("x"), On("y")]));

        var cluster = Assert.Single(tracker.Components);
        Assert.Equal(("cl-1", 21), (cluster.Id, cluster.Size));
        Assert.Equal("cl-1", tracker.ClusterOf("y"));
        Assert.Null(tracker.ComponentOf("x"));
    }

    [Fact]
    public void Clusters_grow_shrink_and_are_large_from_thirty_villages()
    {
        var tracker = Tracker(Graph(Chain("v", 31)));
        Assert.Equal([(Formed, "cl-1", 29, "")], Summary(tracker.Apply(Range("v", 1, 29))));

        var large = tracker.Apply([On("v30")]);
        Assert.Equal([(Grew, "cl-1", 30, ""), (BecameLarge, "cl-1", 30, "")], Summary(large));
        Assert.All(large, c => Assert.True(c.IsLarge));
        Assert.Equal("village v30 became a Taobao village: cluster cl-1 grew from 29 to 30 villages (RMB 300,000,000.00)", large[0].Cause);

        Assert.Equal([(Grew, "cl-1", 31, "")], Summary(tracker.Apply([On("v31")])));

        var shrank = Assert.Single(tracker.Apply([Off("v31")]));
        Assert.Equal((Shrank, "cl-1", 30, true), (shrank.Kind, shrank.ClusterId, shrank.Size, shrank.IsLarge));
        Assert.Equal("village v31 is no longer a Taobao village: cluster cl-1 shrank from 31 to 30 villages (RMB 300,000,000.00)", shrank.Cause);

        var small = tracker.Apply([Off("v30")]);
        Assert.Equal([(Shrank, "cl-1", 29, ""), (NoLongerLarge, "cl-1", 29, "")], Summary(small));
        Assert.All(small, c => Assert.False(c.IsLarge));
        Assert.Equal("village v30 is no longer a Taobao village: cluster cl-1 fell to 29 villages, below the large-scale threshold (30)", small[1].Cause);
    }

    [Fact]
    public void Forming_at_thirty_villages_at_once_is_formed_large_and_became_large()
    {
        var tracker = Tracker(Graph(Chain("v", 30)));

        var changes = tracker.Apply(Range("v", 1, 30));

        Assert.Equal([(Formed, "cl-1", 30, ""), (BecameLarge, "cl-1", 30, "")], Summary(changes));
        Assert.All(changes, c => Assert.True(c.IsLarge));
    }

    [Fact]
    public void Shrinking_below_ten_villages_dissolves_the_cluster_but_keeps_the_component()
    {
        var tracker = Tracker(Graph(Chain("v", 10)));
        tracker.Apply(Range("v", 1, 10));

        Assert.Equal([(Dissolved, "cl-1", 9, "")], Summary(tracker.Apply([Off("v10")])));

        Assert.Null(tracker.ClusterOf("v01"));
        Assert.Equal("cl-1", tracker.ComponentOf("v01"));
    }

    [Fact]
    public void All_villages_lapsing_dissolves_the_cluster_and_a_reformed_one_gets_a_new_id()
    {
        var tracker = Tracker(Graph(Chain("v", 10)));
        tracker.Apply(Range("v", 1, 10));

        var dissolved = Assert.Single(tracker.Apply(Lapse("v", 1, 10)));

        Assert.Equal((Dissolved, "cl-1", 0, 0L, false), (dissolved.Kind, dissolved.ClusterId, dissolved.Size, dissolved.CombinedTurnoverFen, dissolved.IsLarge));
        Assert.Equal(Names("v", 1, 10), dissolved.Members);
        Assert.Equal(
            "villages v01, v02, v03 and 7 more are no longer Taobao villages: cluster cl-1 dissolved, none of its villages is a Taobao village any more",
            dissolved.Cause);
        Assert.Empty(tracker.Components);

        Assert.Equal([(Formed, "cl-2", 10, "")], Summary(tracker.Apply(Range("v", 1, 10))));
        Assert.Equal([(Dissolved, "cl-2", 5, "")], Summary(tracker.Apply(Lapse("v", 1, 5))));
        // v01..v04 start a new component, but v05 joins it to the larger remnant, which keeps its id.
        Assert.Equal([(Formed, "cl-2", 10, "")], Summary(tracker.Apply(Range("v", 1, 5))));
    }

    [Fact]
    public void Component_ids_are_never_reused()
    {
        var tracker = Tracker(Graph(Chain("v", 3)));

        tracker.Apply([On("v01")]);
        tracker.Apply([Off("v01")]);
        tracker.Apply([On("v03")]);
        tracker.Apply([On("v01")]);

        Assert.Equal(["cl-2", "cl-3"], tracker.Components.Select(c => c.Id));
        Assert.Equal(4, tracker.Export().NextNumber);
    }

    [Fact]
    public void A_village_lapsing_and_returning_in_one_batch_changes_nothing()
    {
        var tracker = Tracker(Graph(Chain("v", 12)));
        tracker.Apply(Range("v", 1, 12));

        Assert.Empty(tracker.Apply([Off("v06"), On("v06")]));
        Assert.Empty(tracker.Apply([On("v03", 1), Off("v03"), On("v03", 2 * TenMillion)]));

        var cluster = Assert.Single(tracker.Clusters);
        Assert.Equal(("cl-1", 12, 13 * TenMillion), (cluster.Id, cluster.Size, cluster.CombinedTurnoverFen));
    }

    [Fact]
    public void Unknown_villages_are_ignored()
    {
        var tracker = Tracker(Graph(Chain("v", 12)));
        tracker.Apply(Range("v", 1, 12));

        Assert.Empty(tracker.Apply([On("v99"), Off("nowhere"), default]));

        Assert.Equal(12, tracker.Clusters.Single().Size);
        Assert.Null(tracker.ComponentOf("nowhere"));
        Assert.Null(tracker.ClusterOf("v99"));
    }

    [Fact]
    public void A_cluster_absorbed_into_a_component_that_is_no_cluster_is_dissolved_too()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10), [Link("x", "a10", "b01")]));
        tracker.Apply(Range("a", 1, 10));
        tracker.Apply(Range("b", 1, 10));

        var changes = tracker.Apply([.. Range("a", 1, 10, fen: 1), .. Range("b", 1, 10, fen: 1), On("x", 1)]);

        Assert.Equal([(Dissolved, "cl-1", 21, ""), (Dissolved, "cl-2", 21, "")], Summary(changes));
        Assert.Equal(21L, changes[1].CombinedTurnoverFen);
        Assert.StartsWith("village x became a Taobao village; the annual turnover of villages a01, a02, a03 and 17 more fell: cluster cl-2 merged into a component that is not a cluster", changes[1].Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Villages_of_one_county_without_geometry_form_one_cluster_per_county()
    {
        var graph = ContiguityGraph.Build(
            Enumerable.Range(1, 12).Select(i => new VillageSite(Name("p", i), "county-p", [], null, null))
                .Concat(Enumerable.Range(1, 12).Select(i => new VillageSite(Name("q", i), "county-q", [], null, null))),
            5);
        var tracker = Tracker(graph);

        Assert.Equal([(Formed, "cl-1", 12, ""), (Formed, "cl-2", 12, "")], Summary(tracker.Apply([.. Range("p", 1, 12), .. Range("q", 1, 12)])));
        Assert.Equal(Names("p", 1, 12), tracker.Clusters[0].Members);
        Assert.Equal(Names("q", 1, 12), tracker.Clusters[1].Members);

        // The county is one hub: losing any village never splits it.
        Assert.Equal([(Shrank, "cl-1", 11, "")], Summary(tracker.Apply([Off("p06")])));
    }

    [Fact]
    public void Villages_within_the_distance_form_a_cluster_and_distant_ones_stay_apart()
    {
        var near = Enumerable.Range(0, 10).Select(i => new VillageSite($"n{i}", "c", [], 23.0 + (i * 0.009), 116.0));
        var far = Enumerable.Range(0, 10).Select(i => new VillageSite($"f{i}", "c", [], 30.0 + (i * 0.09), 116.0));
        var tracker = Tracker(ContiguityGraph.Build(near.Concat(far), 5));

        var changes = tracker.Apply([.. Enumerable.Range(0, 10).Select(i => On($"n{i}")), .. Enumerable.Range(0, 10).Select(i => On($"f{i}"))]);

        Assert.Equal([(Formed, "cl-1", 10, "")], Summary(changes));
        Assert.Equal(11, tracker.Components.Count);
        Assert.All(tracker.Components.Skip(1), c => Assert.Equal(1, c.Size));
    }

    [Fact]
    public void A_county_of_five_thousand_villages_is_one_large_cluster()
    {
        var graph = ContiguityGraph.Build(Enumerable.Range(0, 5000).Select(i => new VillageSite($"v{i:0000}", "big", [], null, null)), 5);
        var tracker = Tracker(graph);

        var changes = tracker.Apply([.. Enumerable.Range(0, 5000).Select(i => On($"v{i:0000}"))]);

        Assert.Equal([(Formed, "cl-1", 5000, ""), (BecameLarge, "cl-1", 5000, "")], Summary(changes));
        var cluster = Assert.Single(tracker.Clusters);
        Assert.Equal((5000, 5000 * TenMillion, true), (cluster.Size, cluster.CombinedTurnoverFen, cluster.IsLarge));
        Assert.Equal(4999, graph.NeighboursOf("v0000").Count());
        Assert.Equal([(Shrank, "cl-1", 4999, "")], Summary(tracker.Apply([Off("v2500")])));
    }

    [Fact]
    public void Export_and_import_round_trip_and_continue_identically()
    {
        var graph = Graph(Chain("a", 10), Chain("b", 10), Chain("c", 3), [Link("x", "a10", "b01")]);
        var original = Tracker(graph);
        original.Apply(Range("a", 1, 10));
        original.Apply([.. Range("b", 1, 4), .. Range("c", 1, 3, fen: 7)]);
        original.Apply([Off("c02")]);

        var snapshot = original.Export();
        var imported = ClusterTracker.Import(graph, ClusterThresholds.AliResearch, "cl", snapshot);

        Assert.Equal(Full(original.Components), Full(imported.Components));
        Assert.Equal(Full(original.Clusters), Full(imported.Clusters));
        Assert.Equal(snapshot.NextNumber, imported.Export().NextNumber);
        Assert.Equal(
            snapshot.Components.Select(c => (c.Id, string.Join(",", c.Villages))),
            imported.Export().Components.Select(c => (c.Id, string.Join(",", c.Villages))));
        VillageUpdate[][] next =
        [
            [.. Range("b", 5, 10), On("x")],
            [Off("x")],
            [On("c02"), On("a03", 1)],
            Lapse("a", 1, 10),
            Range("a", 1, 10),
        ];
        foreach (var batch in next)
        {
            Assert.Equal(Full(original.Apply(batch)), Full(imported.Apply(batch)));
            Assert.Equal(Full(original.Components), Full(imported.Components));
        }
    }

    [Fact]
    public void Import_drops_villages_gone_from_the_graph_and_re_splits_silently()
    {
        var tracker = Tracker(Graph(Chain("v", 25)));
        tracker.Apply(Range("v", 1, 25));
        var smaller = Graph(Chain("v", 25).Where(s => s.Id != "v05"));

        var imported = ClusterTracker.Import(smaller, ClusterThresholds.AliResearch, "cl", tracker.Export());

        Assert.Equal([("cl-1", 20), ("cl-2", 4)], imported.Components.Select(c => (c.Id, c.Size)));
        Assert.Equal(["cl-1"], imported.Clusters.Select(c => c.Id));
        Assert.Empty(imported.Apply([]));
    }

    [Fact]
    public void Import_merges_components_the_graph_now_joins()
    {
        var tracker = Tracker(Graph(Chain("a", 10), Chain("b", 10)));
        tracker.Apply(Range("a", 1, 10));
        tracker.Apply(Range("b", 1, 10));
        var joined = Graph(Chain("a", 10), Chain("b", 10).Select(s => s.Id == "b01" ? s with { Neighbours = ["b02", "a10"] } : s));

        var imported = ClusterTracker.Import(joined, ClusterThresholds.AliResearch, "cl", tracker.Export());

        Assert.Equal([("cl-1", 20)], imported.Components.Select(c => (c.Id, c.Size)));
        Assert.Equal(["cl-1"], imported.Clusters.Select(c => c.Id));
        Assert.Empty(imported.Apply([]));
        Assert.Equal([(Shrank, "cl-1", 19, "")], Summary(imported.Apply([Off("b10")])));
    }

    [Fact]
    public void Import_keeps_the_saved_counter_and_ignores_villages_saved_as_lapsed()
    {
        var graph = Graph(Chain("v", 12));
        var snapshot = new ClusterTrackerSnapshot(
            5,
            [
                new ComponentSnapshot("cl-3", [.. Range("v", 1, 10)]),
                new ComponentSnapshot("cl-4", [new VillageUpdate("v12", false, TenMillion)]),
            ]);

        var tracker = ClusterTracker.Import(graph, ClusterThresholds.AliResearch, "cl", snapshot);

        Assert.Equal([("cl-3", 10, true)], tracker.Components.Select(c => (c.Id, c.Size, tracker.ClusterOf(c.Members[0]) is not null)));
        Assert.Empty(tracker.Apply([On("v12")]));
        Assert.Equal("cl-5", tracker.ComponentOf("v12"));
        Assert.Equal([(Grew, "cl-3", 12, "")], Summary(tracker.Apply([On("v11")])));
    }
}
