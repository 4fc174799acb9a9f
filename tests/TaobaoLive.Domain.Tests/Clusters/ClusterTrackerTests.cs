using TaobaoLive.Domain.Clusters;

namespace TaobaoLive.Domain.Tests.Clusters;

public sealed class ClusterTrackerTests
{
    private const long Ten = 10_000_000_00;

    /// <summary>Chains a1..a10 and b1..b10 with a bridge x between a10 and b1 (explicit neighbours).</summary>
    private static ContiguityGraph Bridge()
    {
        var sites = new List<VillageSite>();
        for (var i = 1; i <= 10; i++)
        {
            sites.Add(new VillageSite($"a{i:00}", "c", [i < 10 ? $"a{i + 1:00}" : "x"], null, null));
            sites.Add(new VillageSite($"b{i:00}", "c", [i < 10 ? $"b{i + 1:00}" : "b09"], null, null));
        }

        sites.Add(new VillageSite("x", "c", ["a10", "b01"], null, null));
        return ContiguityGraph.Build(sites, 5);
    }

    private static ContiguityGraph Chain(int length) => ContiguityGraph.Build(
        Enumerable.Range(1, length).Select(i => new VillageSite($"v{i:00}", "c", [i < length ? $"v{i + 1:00}" : $"v{i - 1:00}"], null, null)),
        5);

    private static ClusterTracker Tracker(ContiguityGraph graph) => new(graph, ClusterThresholds.AliResearch, "cl");

    private static VillageUpdate On(string id, long fen = Ten) => new(id, true, fen);

    private static VillageUpdate Off(string id) => new(id, false, 0);

    private static IEnumerable<VillageUpdate> Range(string prefix, int from, int to, long fen = Ten) =>
        Enumerable.Range(from, to - from + 1).Select(i => On($"{prefix}{i:00}", fen));

    [Fact]
    public void Nine_villages_are_no_cluster_and_the_tenth_forms_one()
    {
        var tracker = Tracker(Bridge());

        Assert.Empty(tracker.Apply([.. Range("a", 1, 9)]));
        Assert.Empty(tracker.Clusters);
        Assert.Equal("cl-1", tracker.ComponentOf("a01"));
        Assert.Null(tracker.ClusterOf("a01"));

        var change = Assert.Single(tracker.Apply([On("a10")]));
        Assert.Equal((ClusterChangeKind.Formed, "cl-1", 10, 10 * Ten, false), (change.Kind, change.ClusterId, change.Size, change.CombinedTurnoverFen, change.IsLarge));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"a{i:00}"), change.Members);
        Assert.Equal("10 contiguous Taobao villages with combined annual turnover RMB 100,000,000.00 meet the cluster thresholds (10 villages, RMB 100,000,000.00)", change.Cause);
        var cluster = Assert.Single(tracker.Clusters);
        Assert.Equal(("cl-1", 10, 10 * Ten, false), (cluster.Id, cluster.Size, cluster.CombinedTurnoverFen, cluster.IsLarge));
        Assert.Equal(change.Members, cluster.Members);
        Assert.Equal("cl-1", tracker.ClusterOf("a05"));
    }

    [Fact]
    public void Ten_villages_one_fen_short_form_no_cluster_until_turnover_rises()
    {
        var tracker = Tracker(Bridge());
        Assert.Empty(tracker.Apply([.. Range("a", 1, 9), On("a10", Ten - 1)]));

        var change = Assert.Single(tracker.Apply([On("a10", Ten)]));
        Assert.Equal((ClusterChangeKind.Formed, 10 * Ten), (change.Kind, change.CombinedTurnoverFen));

        var dissolved = Assert.Single(tracker.Apply([On("a03", Ten - 1)]));
        Assert.Equal((ClusterChangeKind.Dissolved, "cl-1", 10), (dissolved.Kind, dissolved.ClusterId, dissolved.Size));
    }

    [Fact]
    public void A_bridging_village_merges_two_clusters_and_its_lapse_splits_them_again()
    {
        var tracker = Tracker(Bridge());
        tracker.Apply([.. Range("a", 1, 10)]);
        tracker.Apply([.. Range("b", 1, 10)]);
        Assert.Equal(["cl-1", "cl-2"], tracker.Clusters.Select(c => c.Id));

        var merged = Assert.Single(tracker.Apply([On("x")]));
        Assert.Equal((ClusterChangeKind.Merged, "cl-1", 21, 21 * Ten), (merged.Kind, merged.ClusterId, merged.Size, merged.CombinedTurnoverFen));
        Assert.Equal(["cl-2"], merged.RelatedClusterIds);
        Assert.Equal(["cl-1"], tracker.Clusters.Select(c => c.Id));

        var split = Assert.Single(tracker.Apply([Off("x")]));
        Assert.Equal((ClusterChangeKind.Split, "cl-1", 10), (split.Kind, split.ClusterId, split.Size));
        Assert.Equal(["cl-3"], split.RelatedClusterIds);
        // Equal parts: the one holding the smallest village id ("a01") keeps the id.
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"a{i:00}"), tracker.Clusters.Single(c => c.Id == "cl-1").Members);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"b{i:00}"), tracker.Clusters.Single(c => c.Id == "cl-3").Members);
    }

    [Fact]
    public void A_split_that_leaves_parts_below_ten_dissolves_the_cluster()
    {
        var tracker = Tracker(Chain(15));
        tracker.Apply([.. Range("v", 1, 15)]);

        var changes = tracker.Apply([Off("v08")]);

        Assert.Equal(
            [(ClusterChangeKind.Split, "cl-1", 7), (ClusterChangeKind.Dissolved, "cl-1", 7)],
            changes.Select(c => (c.Kind, c.ClusterId, c.Size)));
        Assert.Empty(changes[0].RelatedClusterIds);
        Assert.Empty(tracker.Clusters);
        Assert.Equal(["cl-1", "cl-2"], tracker.Components.Select(c => c.Id));
    }

    [Fact]
    public void A_lopsided_split_keeps_the_id_with_the_larger_part()
    {
        var tracker = Tracker(Chain(25));
        tracker.Apply([.. Range("v", 1, 25)]);

        var changes = tracker.Apply([Off("v05")]);

        var split = Assert.Single(changes);
        Assert.Equal((ClusterChangeKind.Split, "cl-1", 20), (split.Kind, split.ClusterId, split.Size));
        Assert.Empty(split.RelatedClusterIds);
        Assert.Equal("cl-1", tracker.ClusterOf("v25"));
        Assert.Equal("cl-2", tracker.ComponentOf("v01"));
    }

    [Fact]
    public void Clusters_grow_shrink_and_become_large_at_thirty()
    {
        var tracker = Tracker(Chain(31));
        tracker.Apply([.. Range("v", 1, 29)]);

        var large = tracker.Apply([On("v30")]);
        Assert.Equal(
            [(ClusterChangeKind.Grew, 30, true), (ClusterChangeKind.BecameLarge, 30, true)],
            large.Select(c => (c.Kind, c.Size, c.IsLarge)));
        Assert.Equal("grew from 29 to 30 villages (RMB 300,000,000.00)", large[0].Cause);

        Assert.Equal([ClusterChangeKind.Grew], tracker.Apply([On("v31")]).Select(c => c.Kind));
        Assert.Equal([ClusterChangeKind.Shrank], tracker.Apply([Off("v31")]).Select(c => c.Kind));
        Assert.Equal(
            [(ClusterChangeKind.Shrank, 29, false), (ClusterChangeKind.NoLongerLarge, 29, false)],
            tracker.Apply([Off("v30")]).Select(c => (c.Kind, c.Size, c.IsLarge)));
    }

    [Fact]
    public void Forming_at_thirty_at_once_is_formed_and_large()
    {
        var tracker = Tracker(Chain(30));

        Assert.Equal(
            [ClusterChangeKind.Formed, ClusterChangeKind.BecameLarge],
            tracker.Apply([.. Range("v", 1, 30)]).Select(c => c.Kind));
    }

    [Fact]
    public void All_villages_lapsing_dissolves_and_ids_are_never_reused()
    {
        var tracker = Tracker(Chain(10));
        tracker.Apply([.. Range("v", 1, 10)]);

        var dissolved = Assert.Single(tracker.Apply([.. Enumerable.Range(1, 10).Select(i => Off($"v{i:00}"))]));
        Assert.Equal((ClusterChangeKind.Dissolved, "cl-1", 0), (dissolved.Kind, dissolved.ClusterId, dissolved.Size));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"v{i:00}"), dissolved.Members);
        Assert.Empty(tracker.Components);

        var reformed = Assert.Single(tracker.Apply([.. Range("v", 1, 10)]));
        Assert.Equal((ClusterChangeKind.Formed, "cl-2"), (reformed.Kind, reformed.ClusterId));
    }

    [Fact]
    public void A_village_leaving_and_returning_in_one_batch_changes_nothing()
    {
        var tracker = Tracker(Chain(12));
        tracker.Apply([.. Range("v", 1, 12)]);

        Assert.Empty(tracker.Apply([Off("v06"), On("v06")]));
        Assert.Equal(12, tracker.Clusters.Single().Size);
        Assert.Empty(tracker.Apply([On("v99"), Off("nowhere")]));
    }

    [Fact]
    public void Villages_of_one_county_without_geometry_are_contiguous()
    {
        var sites = Enumerable.Range(1, 12).Select(i => new VillageSite($"p{i:00}", "county-p", [], null, null))
            .Concat(Enumerable.Range(1, 12).Select(i => new VillageSite($"q{i:00}", "county-q", [], null, null)));
        var graph = ContiguityGraph.Build(sites, 5);
        var tracker = Tracker(graph);

        Assert.Equal(11, graph.NeighboursOf("p01").Count());
        Assert.DoesNotContain("q01", graph.NeighboursOf("p01"));
        var changes = tracker.Apply([.. Range("p", 1, 12), .. Range("q", 1, 9)]);
        var formed = Assert.Single(changes);
        Assert.Equal((ClusterChangeKind.Formed, 12), (formed.Kind, formed.Size));
        Assert.Equal(2, tracker.Components.Count);
    }

    [Fact]
    public void Coordinates_within_the_distance_are_contiguous()
    {
        // Along a meridian: 0.009° of latitude is about 1 km; 0.09° about 10 km.
        var near = Enumerable.Range(0, 10).Select(i => new VillageSite($"n{i}", "c", [], 23.0 + (i * 0.009), 116.0));
        var far = Enumerable.Range(0, 10).Select(i => new VillageSite($"f{i}", "c", [], 30.0 + (i * 0.09), 116.0));
        var graph = ContiguityGraph.Build(near.Concat(far), 5);

        // n1..n4 lie within 5 km; n5 is 5.004 km away.
        Assert.Equal(["n1", "n2", "n3", "n4"], graph.NeighboursOf("n0"));
        Assert.Empty(graph.NeighboursOf("f0"));
        var tracker = Tracker(graph);
        Assert.Equal(
            [ClusterChangeKind.Formed],
            tracker.Apply([.. Enumerable.Range(0, 10).Select(i => On($"n{i}")), .. Enumerable.Range(0, 10).Select(i => On($"f{i}"))]).Select(c => c.Kind));
        Assert.Equal(11, tracker.Components.Count);
    }

    [Fact]
    public void Export_and_import_round_trip_and_continue_identically()
    {
        var graph = Bridge();
        var original = Tracker(graph);
        original.Apply([.. Range("a", 1, 10), .. Range("b", 1, 4)]);

        var imported = ClusterTracker.Import(graph, ClusterThresholds.AliResearch, "cl", original.Export());

        Assert.Equal(
            original.Components.Select(c => (c.Id, c.Size, c.CombinedTurnoverFen, c.IsLarge, string.Join(",", c.Members))),
            imported.Components.Select(c => (c.Id, c.Size, c.CombinedTurnoverFen, c.IsLarge, string.Join(",", c.Members))));
        Assert.Equal(original.Export().NextNumber, imported.Export().NextNumber);
        List<VillageUpdate> next = [.. Range("b", 5, 10), On("x")];
        Assert.Equal(original.Apply(next), imported.Apply(next), new ChangeComparer());
    }

    [Fact]
    public void Import_drops_villages_gone_from_the_graph_and_re_splits_silently()
    {
        var tracker = Tracker(Chain(25));
        tracker.Apply([.. Range("v", 1, 25)]);
        var smaller = ContiguityGraph.Build(
            Enumerable.Range(1, 25).Where(i => i != 5).Select(i => new VillageSite($"v{i:00}", "c", [$"v{i + 1:00}", $"v{i - 1:00}"], null, null)),
            5);

        var imported = ClusterTracker.Import(smaller, ClusterThresholds.AliResearch, "cl", tracker.Export());

        Assert.Equal([("cl-1", 20), ("cl-2", 4)], imported.Components.Select(c => (c.Id, c.Size)));
    }

    [Fact]
    public void A_county_of_five_thousand_villages_is_one_large_cluster()
    {
        var graph = ContiguityGraph.Build(Enumerable.Range(0, 5000).Select(i => new VillageSite($"v{i:0000}", "big", [], null, null)), 5);
        var tracker = Tracker(graph);

        var changes = tracker.Apply([.. Enumerable.Range(0, 5000).Select(i => On($"v{i:0000}"))]);

        Assert.Equal([ClusterChangeKind.Formed, ClusterChangeKind.BecameLarge], changes.Select(c => c.Kind));
        Assert.Equal((5000, true), (tracker.Clusters.Single().Size, tracker.Clusters.Single().IsLarge));
        var split = tracker.Apply([Off("v2500")]);
        Assert.Equal([ClusterChangeKind.Shrank], split.Select(c => c.Kind));
    }

    private sealed class ChangeComparer : IEqualityComparer<ClusterChange>
    {
        public bool Equals(ClusterChange? x, ClusterChange? y) =>
            x is not null && y is not null
            && (x.Kind, x.ClusterId, x.Size, x.CombinedTurnoverFen, x.IsLarge, x.Cause) == (y.Kind, y.ClusterId, y.Size, y.CombinedTurnoverFen, y.IsLarge, y.Cause)
            && x.RelatedClusterIds.SequenceEqual(y.RelatedClusterIds)
            && x.Members.SequenceEqual(y.Members);

        public int GetHashCode(ClusterChange obj) => HashCode.Combine(obj.Kind, obj.ClusterId, obj.Size);
    }
}
