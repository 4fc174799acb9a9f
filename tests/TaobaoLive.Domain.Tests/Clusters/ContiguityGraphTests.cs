using TaobaoLive.Domain.Clusters;

namespace TaobaoLive.Domain.Tests.Clusters;

public sealed class ContiguityGraphTests
{
    /// <summary>Kilometres per degree of latitude on the 6371.0088 km sphere.</summary>
    private const double KmPerDegree = 6371.0088 * Math.PI / 180;

    [Fact]
    public void Explicit_neighbours_are_symmetric_and_unknown_ids_are_ignored()
    {
        var graph = ContiguityGraph.Build(
            [
                new VillageSite("a", "k1", ["b", "ghost"], null, null),
                new VillageSite("b", "k1", [], null, null),
                new VillageSite("c", "k1", ["ghost"], null, null),
                new VillageSite("d", "k2", [], null, null),
            ],
            5);

        Assert.Equal(4, graph.VillageCount);
        Assert.Equal(["b"], graph.NeighboursOf("a"));
        Assert.Equal(["a"], graph.NeighboursOf("b"));
        // c names only an unknown village: it has a neighbour list, so it is not on the county fallback.
        Assert.Empty(graph.NeighboursOf("c"));
        Assert.Empty(graph.NeighboursOf("d"));
        Assert.Empty(graph.NeighboursOf("ghost"));
        Assert.False(graph.Contains("ghost"));
        Assert.True(graph.Contains("d"));
    }

    [Fact]
    public void Villages_without_geometry_are_contiguous_within_their_county_only()
    {
        var sites = Enumerable.Range(1, 12).Select(i => new VillageSite(Villages.Name("p", i), "county-p", [], null, null))
            .Concat(Enumerable.Range(1, 12).Select(i => new VillageSite(Villages.Name("q", i), "county-q", [], null, null)))
            .Append(new VillageSite("p-with-coordinates", "county-p", [], 23.0, 116.0))
            .Append(new VillageSite("p-with-neighbours", "county-p", ["q01"], null, null))
            .Append(new VillageSite("p-latitude-only", "county-p", [], 23.0, null));

        var graph = ContiguityGraph.Build(sites, 5);

        Assert.Equal(["p-latitude-only", .. Villages.Names("p", 2, 12)], graph.NeighboursOf("p01"));
        // q01 has no list of its own, so it stays on its county's fallback as well as being named by p-with-neighbours.
        Assert.Equal(["p-with-neighbours", .. Villages.Names("q", 2, 12)], graph.NeighboursOf("q01"));
        Assert.Empty(graph.NeighboursOf("p-with-coordinates"));
        Assert.Equal(["q01"], graph.NeighboursOf("p-with-neighbours"));
    }

    [Fact]
    public void Coordinates_about_one_kilometre_apart_are_contiguous_and_ten_kilometres_apart_are_not()
    {
        // Along a meridian 0.009° is about 1 km, 0.09° about 10 km.
        var near = Enumerable.Range(0, 10).Select(i => new VillageSite($"n{i}", "c", [], 23.0 + (i * 0.009), 116.0));
        var far = Enumerable.Range(0, 10).Select(i => new VillageSite($"f{i}", "c", [], 30.0 + (i * 0.09), 116.0));

        var graph = ContiguityGraph.Build(near.Concat(far), 5);

        // n5 is 0.045° = 5.004 km from n0.
        Assert.Equal(["n1", "n2", "n3", "n4"], graph.NeighboursOf("n0"));
        Assert.Equal(["n1", "n2", "n3", "n4", "n6", "n7", "n8", "n9"], graph.NeighboursOf("n5"));
        Assert.All(Enumerable.Range(0, 10), i => Assert.Empty(graph.NeighboursOf($"f{i}")));
    }

    [Theory]
    [InlineData(4.999, true)]
    [InlineData(5.001, false)]
    [InlineData(0.0, true)]
    public void The_distance_limit_is_inclusive_great_circle_kilometres(double km, bool contiguous)
    {
        var graph = ContiguityGraph.Build(
            [new VillageSite("s", "c", [], 30.0, 120.0), new VillageSite("t", "c", [], 30.0 + (km / KmPerDegree), 120.0)],
            5);

        Assert.Equal(contiguous, graph.NeighboursOf("s").Contains("t"));
    }

    [Fact]
    public void East_west_neighbours_are_found_at_high_latitude()
    {
        // At 60°N a degree of longitude is half as long: 0.08° is 4.45 km, 0.16° is 8.9 km.
        var graph = ContiguityGraph.Build(
            Enumerable.Range(0, 3).Select(i => new VillageSite($"m{i}", "c", [], 60.0, 10.0 + (i * 0.08))),
            5);

        Assert.Equal(["m1"], graph.NeighboursOf("m0"));
        Assert.Equal(["m0", "m2"], graph.NeighboursOf("m1"));
    }

    [Fact]
    public void The_grid_finds_exactly_the_pairs_a_full_comparison_finds()
    {
        var random = new Random(20151111);
        var sites = Enumerable.Range(0, 400)
            .Select(i => new VillageSite($"r{i:000}", "c", [], 29.0 + (random.NextDouble() * 0.6), 120.0 + (random.NextDouble() * 0.6)))
            .ToList();

        var graph = ContiguityGraph.Build(sites, 5);

        foreach (var site in sites)
        {
            var expected = sites
                .Where(other => other.Id != site.Id && Haversine(site, other) <= 5)
                .Select(other => other.Id)
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, graph.NeighboursOf(site.Id));
        }
    }

    [Fact]
    public void A_repeated_village_id_keeps_its_first_site()
    {
        var graph = ContiguityGraph.Build(
            [new VillageSite("a", "c", ["b"], null, null), new VillageSite("b", "c", ["a"], null, null), new VillageSite("a", "c", ["z"], null, null)],
            5);

        Assert.Equal(2, graph.VillageCount);
        Assert.Equal(["b"], graph.NeighboursOf("a"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void The_distance_must_be_positive(double km) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContiguityGraph.Build([], km));

    private static double Haversine(VillageSite a, VillageSite b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude!.Value - a.Latitude!.Value);
        var dLon = Radians(b.Longitude!.Value - a.Longitude!.Value);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + (Math.Cos(Radians(a.Latitude.Value)) * Math.Cos(Radians(b.Latitude.Value)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * 6371.0088 * Math.Asin(Math.Sqrt(h));
    }
}
