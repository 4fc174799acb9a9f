using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography.Tests;

public sealed class RegionSearchTests
{
    private static readonly Lazy<GeographyModel> Shared = new(GeographyLoader.LoadBuiltIn);

    private static GeographyModel National => Shared.Value;

    [Fact]
    public void An_exact_village_name_in_a_given_county_comes_first()
    {
        var chaoyang = National.Resolve("110105");
        var hits = National.Search.Search("东风村", chaoyang);

        Assert.Equal("110105039204", hits[0].Id);
        Assert.Equal("东风村", hits[0].Name);
        Assert.StartsWith("北京市/市辖区/朝阳区/", hits[0].Path, StringComparison.Ordinal);

        // By prefix the county's 东风… places come too, the exact name still first among villages.
        var prefix = National.Search.Search("东风", chaoyang);
        Assert.Equal(["东风村", "东风苑社区", "东风家园社区"], prefix.Where(r => r.Level == RegionLevel.Village).Select(r => r.Name));
        Assert.All(prefix, r => Assert.Same(chaoyang, r.AncestorAt(RegionLevel.County)));
    }

    [Fact]
    public void Across_the_country_the_exact_matches_come_before_the_longer_names()
    {
        var hits = National.Search.Search("东风村", limit: 100);

        Assert.Equal(100, hits.Count);
        Assert.All(hits, r => Assert.Equal("东风村", r.Name));
        Assert.Equal(hits.Select(r => r.Path).Order(StringComparer.Ordinal), hits.Select(r => r.Path));
        Assert.Equal(311, National.AtLevel(RegionLevel.Village).Count(v => v.Name == "东风村"));
    }

    [Fact]
    public void Higher_levels_come_first_and_full_names_are_searched_too()
    {
        Assert.Equal([("445281", RegionLevel.County)], National.Search.Search("普宁市", limit: 1).Select(r => (r.Id, r.Level)));
        Assert.Contains(National.Search.Search("白江村委", limit: 100), r => r.Id == "440118101206");
    }

    [Fact]
    public void Digits_search_codes_level_by_level()
    {
        var hits = National.Search.Search("445281", limit: 5);

        Assert.Equal(["445281", "445281001", "445281002", "445281003", "445281004"], hits.Select(r => r.Id));
        Assert.Equal(["440118101206"], National.Search.Search("440118101206").Select(r => r.Id));
    }

    [Fact]
    public void A_path_searches_within_its_parent()
    {
        var hits = National.Search.Search("广东省/揭阳市/普宁市/新寮");

        Assert.Equal(["广东省/揭阳市/普宁市/池尾街道/新寮村"], hits.Select(r => r.Path));
        Assert.True(hits[0].Listed2015);
    }

    [Theory]
    [InlineData("火星人基地")]
    [InlineData("99")]
    [InlineData("火星省/东风")]
    [InlineData("  ")]
    public void An_unknown_prefix_finds_nothing(string query) => Assert.Empty(National.Search.Search(query));
}
