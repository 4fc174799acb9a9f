namespace TaobaoLive.Geography.Tests;

public sealed class ClusterNamesTests
{
    private static readonly GeographyModel Geography = GeographyLoader.Load(
        new StringReader("""
            province	city	county	town	village
            省	市	甲县	一镇	a1
            省	市	甲县	一镇	a2
            省	市	甲县	二镇	a3
            省	市	乙县	三镇	b1
            省	市	乙县	三镇	b2
            省	市	乙县	四镇	b3
            """),
        "names.tsv");

    private static string Id(string county, string town, string village) => Geography.Resolve($"省/市/{county}/{town}/{village}").Id;

    [Fact]
    public void A_cluster_is_named_after_the_county_holding_most_of_its_villages_with_its_size()
    {
        var members = new[] { Id("甲县", "一镇", "a1"), Id("乙县", "三镇", "b1"), Id("乙县", "三镇", "b2") };

        Assert.Equal(["乙县集群 (3)"], ClusterNames.Names(Geography, [("c-1", members)]));
    }

    [Fact]
    public void Growth_inside_the_county_keeps_the_name_and_a_tie_goes_to_the_first_county_id()
    {
        var small = new[] { Id("甲县", "一镇", "a1"), Id("甲县", "一镇", "a2") };
        var grown = small.Append(Id("甲县", "二镇", "a3")).ToArray();
        var tie = new[] { Id("甲县", "一镇", "a1"), Id("乙县", "三镇", "b1") };
        var first = new[] { Geography.Resolve("省/市/甲县"), Geography.Resolve("省/市/乙县") }.MinBy(c => c.Id, StringComparer.Ordinal)!.Name;

        Assert.Equal("甲县集群", ClusterNames.BaseName(Geography, "c-1", small));
        Assert.Equal("甲县集群", ClusterNames.BaseName(Geography, "c-1", grown));
        Assert.Equal(first + "集群", ClusterNames.BaseName(Geography, "c-2", tie));
    }

    [Fact]
    public void Two_clusters_of_one_county_are_told_apart_by_town_and_unknown_members_leave_the_id()
    {
        var one = new[] { Id("甲县", "一镇", "a1"), Id("甲县", "一镇", "a2") };
        var two = new[] { Id("甲县", "二镇", "a3") };

        Assert.Equal(["甲县一镇集群 (2)", "甲县二镇集群 (1)"], ClusterNames.Names(Geography, [("c-1", one), ("c-2", two)]));
        Assert.Equal(["c-9 (1)"], ClusterNames.Names(Geography, [("c-9", ["village-000000000000"])]));
    }
}
