using System.Text;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography.Tests;

public sealed class GeographyLoaderTests
{
    private const string Header = "province\tcity\tcounty\ttown\tvillage";

    private static GeographyModel Load(string text) => GeographyLoader.Load(new StringReader(text), "test.tsv");

    private static GeographyFormatException Fails(string text) => Assert.Throws<GeographyFormatException>(() => Load(text));

    /// <summary>The shipped file, read as raw lines (not through the loader).</summary>
    private static List<string[]> RawRows()
    {
        using var stream = typeof(GeographyLoader).Assembly.GetManifestResourceStream("TaobaoLive.Geography.aliresearch-2015-taobao-villages.tsv")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n').Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd('\r').Split('\t')).ToList();
    }

    [Fact]
    public void The_2015_list_alone_has_291_villages_157_in_Guangdong()
    {
        var geography = GeographyLoader.LoadList2015();
        var raw = RawRows();

        Assert.Equal("built-in:aliresearch-2015", geography.SourceName);
        Assert.Equal(291, geography.Count(RegionLevel.Village));
        Assert.Equal(157, geography.Resolve("广东省").VillageCount);
        Assert.Equal((5, 27, 67, 120), (geography.Count(RegionLevel.Province), geography.Count(RegionLevel.City), geography.Count(RegionLevel.County), geography.Count(RegionLevel.Town)));
        Assert.Equal(raw.Select(r => r[0]).Distinct().Count(), geography.Count(RegionLevel.Province));
        Assert.Equal(raw.Select(r => string.Join('/', r[..2])).Distinct().Count(), geography.Count(RegionLevel.City));
        Assert.Equal(raw.Select(r => string.Join('/', r[..3])).Distinct().Count(), geography.Count(RegionLevel.County));
        Assert.Equal(raw.Select(r => string.Join('/', r[..4])).Distinct().Count(), geography.Count(RegionLevel.Town));
        Assert.Equal(1, geography.Country.Level == RegionLevel.Country ? 1 : 0);
        Assert.Equal(291, geography.Country.VillageCount);
        Assert.All(geography.Villages, v => Assert.Null(v.Households));
    }

    [Fact]
    public void Regions_resolve_by_id_by_path_and_by_prefixed_path()
    {
        var geography = GeographyLoader.LoadList2015();
        var first = RawRows().First(r => r[0] == "广东省");
        var path = string.Join('/', first);

        var village = geography.Resolve(path);
        Assert.Equal(RegionLevel.Village, village.Level);
        Assert.Same(village, geography.Resolve("中国/" + path));
        Assert.Same(village, geography.Resolve(" /" + path + "/ "));
        Assert.Same(village, geography.Resolve(village.Id));
        Assert.Same(geography.Country, geography.Resolve("中国"));
        Assert.Same(geography.Country, geography.Resolve(RegionIds.Country));
        Assert.Equal(string.Join('/', first[..3]), village.AncestorAt(RegionLevel.County)!.Path);
        Assert.Equal(path, village.Path);
        var error = Assert.Throws<KeyNotFoundException>(() => geography.Resolve("火星省"));
        Assert.Equal("no region with id or path '火星省' in geography built-in:aliresearch-2015", error.Message);
    }

    [Fact]
    public void Ids_are_stable_unique_and_level_prefixed()
    {
        var geography = GeographyLoader.LoadList2015();

        // Computed once; a change here means every stored id and URL would change.
        // (printf '广东省' | sha256sum gives ee410024807c…)
        Assert.Equal("province-ee410024807c", RegionIds.For(RegionLevel.Province, "广东省"));
        Assert.Equal(RegionIds.For(RegionLevel.Province, "广东省"), geography.Resolve("广东省").Id);
        var ids = geography.AtLevel(RegionLevel.Village).Select(v => v.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^village-[0-9a-f]{12}$", id));
    }

    [Fact]
    public void The_tree_links_parents_children_and_descendants()
    {
        var geography = Load($"{Header}\nP\tC\tX\tT1\tV1\nP\tC\tX\tT1\tV2\nP\tC\tX\tT2\tV3\n");

        var town = geography.Resolve("P/C/X/T1");
        Assert.Equal(["V1", "V2"], town.Children.Select(c => c.Name));
        Assert.Equal("P/C/X", town.Parent!.Path);
        Assert.Equal(["V1", "V2", "V3"], geography.Resolve("P").Descendants(RegionLevel.Village).Select(v => v.Name));
        Assert.Null(town.AncestorAt(RegionLevel.Village));
        Assert.Same(town, town.AncestorAt(RegionLevel.Town));
        Assert.Equal(3, geography.Country.VillageCount);
    }

    [Fact]
    public void Optional_columns_households_coordinates_neighbours_and_ids_are_read()
    {
        var geography = Load(
            "\uFEFF# comment\n\nvillage\ttown\tcounty\tcity\tprovince\thouseholds\tlatitude\tlongitude\tneighbours\tid\n"
            + "V1\tT\tX\tC\tP\t120\t23.5\t116.25\tP/C/X/T/V2;v-three\t\n"
            + "V2\tT\tX\tC\tP\t\t\t\t\tv-two\n"
            + "V3\tT\tX\tC\tP\t\t\t\t\tv-three\n");

        var v1 = geography.Resolve("P/C/X/T/V1");
        Assert.Equal((120, 23.5, 116.25), (v1.Households, v1.Latitude, v1.Longitude));
        Assert.Equal(["v-two", "v-three"], v1.NeighbourIds);
        Assert.Equal("v-two", geography.Resolve("P/C/X/T/V2").Id);
        Assert.Null(geography.Resolve("v-two").Households);
    }

    [Theory]
    [InlineData("province\tcity\tcounty\tvillage\nP\tC\tX\tV", 1, "town", "missing required column 'town'")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tcolour\nP\tC\tX\tT\tV\tred", 1, "colour", "unknown column 'colour'; columns are province, city, county, town, village, households, latitude, longitude, neighbours, id")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tlatitude\nP\tC\tX\tT\tV\t1", 1, null, "columns 'latitude' and 'longitude' come together")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\nP\tC\tX\tV", 2, null, "expected 5 fields but found 4")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\nP\tC\tX\t\tV", 2, "town", "column 'town' is empty")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\nP\tC\tX\tT\tA/B", 2, "village", "column 'village' must not contain '/': 'A/B'")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\nP\tC\tX\tT\tV\n# again\nP\tC\tX\tT\tV", 4, null, "duplicate village P/C/X/T/V (first on line 2)")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\thouseholds\nP\tC\tX\tT\tV\tabc", 2, "households", "column 'households' must be a positive integer, got 'abc'")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\thouseholds\nP\tC\tX\tT\tV\t0", 2, "households", "column 'households' must be a positive integer, got '0'")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tlatitude\tlongitude\nP\tC\tX\tT\tV\t91\t100", 2, "latitude", "column 'latitude' must be decimal degrees between -90 and 90, got '91'")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tlatitude\tlongitude\nP\tC\tX\tT\tV\t\t100", 2, "latitude", "latitude and longitude must be given together")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tneighbours\nP\tC\tX\tT\tV\tP/C/X/T/W", 2, "neighbours", "neighbour 'P/C/X/T/W' is not a village in this file")]
    [InlineData("province\tcity\tcounty\ttown\tvillage\tid\nP\tC\tX\tT\tV\tx1\nP\tC\tX\tT\tW\tx1", 3, "id", "id 'x1' of P/C/X/T/W is already used by another region")]
    [InlineData("# only a comment\n", 1, null, "the file has no header line")]
    public void Every_problem_names_the_line_column_and_reason(string text, int line, string? column, string reason)
    {
        var error = Fails(text);

        Assert.Equal((line, column, reason), (error.LineNumber, error.Column, error.Reason));
        Assert.Equal($"test.tsv: line {line}: {reason}", error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_format_error_with_its_path()
    {
        var error = Assert.Throws<GeographyFormatException>(() => GeographyLoader.LoadFile("/nonexistent/geo.tsv"));
        Assert.Equal("/nonexistent/geo.tsv: the geography file does not exist", error.Message);
    }

    [Fact]
    public void A_synthetic_file_of_100000_villages_loads()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 100_000; i++)
        {
            text.Append($"省{i / 20000}\t市{i / 5000}\t县{i / 1000}\t镇{i / 50}\t村{i}\n");
        }

        var geography = Load(text.ToString());

        Assert.Equal((100_000, 2000, 100, 20, 5), (geography.Count(RegionLevel.Village), geography.Count(RegionLevel.Town), geography.Count(RegionLevel.County), geography.Count(RegionLevel.City), geography.Count(RegionLevel.Province)));
        Assert.Equal("省4/市19/县99/镇1999/村99999", geography.Villages[^1].Path);
    }
}
