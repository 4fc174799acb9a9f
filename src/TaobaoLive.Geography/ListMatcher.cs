using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Matches AliResearch's 2015 list (province, city, county, town, village names) to the division
/// codes, level by level, top down. At each level: the same name first, then the same name without
/// its administrative suffix (增城市 → 增城区: a county-level city made a district; 乡 → 镇; 镇 →
/// 街道), unique among the candidates. What is not under its 2015 parent is looked for one level
/// wider (a county moved to another city, a town to another county of its city, a village to
/// another town of its county: towns merged since 2015); a "county" that is no county-level
/// division (白沟新城, a development zone) is found through its town. A village found nowhere stays
/// under the deepest level that matched, with the 2015 names below it, marked as from the list.
/// Every 2015 path, at every level, becomes an alias of what it matched.
/// </summary>
internal static class ListMatcher
{
    private static readonly string[] AdministrativeSuffixes =
        ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "街道办事处", "办事处", "街道", "新城", "地区", "省", "市", "县", "区", "镇", "乡", "盟", "旗"];

    private static readonly string[] VillageSuffixes = ["村民委员会", "居民委员会", "村委会", "居委会", "社区", "村"];

    public static Overlay Match(Region country, IReadOnlyList<(int Line, string[] Fields)> rows, List<Region> all)
    {
        var aliases = new Dictionary<string, Region>(StringComparer.Ordinal);
        var entries = new List<ListMatchEntry>(rows.Count);
        var claimed = new Dictionary<Region, int>();
        var placeholders = new Dictionary<string, Region>(StringComparer.Ordinal);
        foreach (var (line, f) in rows)
        {
            var notes = new List<string>();
            var listPath = string.Join('/', f);
            var province = FindAmong(country.Children, f[0], "province", notes);
            var city = province is null ? null : FindCity(province, f[1], notes);
            var county = city is null ? null : FindCounty(province!, city, f[2], f[3], notes);
            Region? town = null;
            Region? village = null;
            if (county is not null)
            {
                (town, village) = FindTown(city!, county, f[3], f[4], notes);
            }

            if (county is null && city is not null && FindVillageInCity(city, f[4], notes) is { } inCity)
            {
                (village, town, county) = (inCity, inCity.Parent, inCity.Parent!.Parent);
            }

            if (town is not null && village is null)
            {
                village = FindVillage(county!, town, f[4], notes);
            }

            if (village is not null && claimed.TryGetValue(village, out var first))
            {
                notes.Add($"{village.Path} is already matched by line {first}");
                village = null;
            }

            var found = new[] { province, city, county, town, village };
            ListMatchEntry entry;
            if (village is not null)
            {
                claimed[village] = line;
                village.Listed2015 = true;
                entry = new ListMatchEntry(line, listPath, notes.Count == 0 ? ListMatchOutcome.Exact : ListMatchOutcome.Renamed, village.Path, village.Code, string.Join("; ", notes));
            }
            else
            {
                village = Place(country, f, found, placeholders, all);
                village.Listed2015 = true;
                if (notes.Count == 0)
                {
                    notes.Add("not found");
                }

                entry = new ListMatchEntry(line, listPath, ListMatchOutcome.Unmatched, village.Path, null, string.Join("; ", notes));
            }

            entries.Add(entry);
            var region = village;
            for (var depth = 4; depth >= 0 && region is not null; depth--, region = region.Parent)
            {
                aliases.TryAdd(string.Join('/', f[..(depth + 1)]), region);
            }
        }

        return new Overlay(aliases, entries);
    }

    private static Region? FindCity(Region province, string name, List<string> notes)
    {
        if (FindAmong(province.Children, name, "city", notes, quiet: true) is { } city)
        {
            return city;
        }

        // 北京/北京市: a municipality's districts sit under its one prefecture-level entry, 市辖区.
        if (Core(name) == Core(province.Name) && province.ChildNamed("市辖区") is { } districts)
        {
            return districts;
        }

        notes.Add($"no city {name} in {province.Path}");
        return null;
    }

    private static Region? FindCounty(Region province, Region city, string name, string townName, List<string> notes)
    {
        if (FindAmong(city.Children, name, "county", notes, quiet: true) is { } county)
        {
            return county;
        }

        if (Unique(province.Descendants(RegionLevel.County), name) is { } moved)
        {
            notes.Add($"county {name} is now {moved.Path}");
            return moved;
        }

        if (city.Children.Where(c => c.Name.Contains(name, StringComparison.Ordinal)).Take(2).ToList() is [var containing])
        {
            notes.Add($"county {name} is {containing.Name}");
            return containing;
        }

        if (Unique(city.Descendants(RegionLevel.Town), townName) is { } town)
        {
            notes.Add($"{name} is no county-level division: its town {townName} is in {town.Parent!.Path}");
            return town.Parent;
        }

        notes.Add($"no county {name} in {city.Path}");
        return null;
    }

    /// <summary>A "county" that is no county-level division and names no town either: the village's own name, unique in the city.</summary>
    private static Region? FindVillageInCity(Region city, string name, List<string> notes)
    {
        if (UniqueVillage(city.Descendants(RegionLevel.Village), name) is not { } village)
        {
            return null;
        }

        notes.Add($"village {name} found in {village.Parent!.Path}");
        return village;
    }

    private static (Region? Town, Region? Village) FindTown(Region city, Region county, string name, string villageName, List<string> notes)
    {
        if (FindAmong(county.Children, name, "town", notes, quiet: true) is { } town)
        {
            return (town, null);
        }

        if (Unique(city.Descendants(RegionLevel.Town), name) is { } moved)
        {
            notes.Add($"town {name} is now {moved.Path}");
            return (moved, null);
        }

        if (UniqueVillage(county.Descendants(RegionLevel.Village), villageName) is { } village)
        {
            notes.Add($"no town {name} in {county.Path} (merged or renamed): village found in {village.Parent!.Name}");
            return (village.Parent, village);
        }

        notes.Add($"no town {name} in {county.Path}");
        return (null, null);
    }

    private static Region? FindVillage(Region county, Region town, string name, List<string> notes)
    {
        if (UniqueVillage(town.Children, name) is { } village)
        {
            if (village.Name != name)
            {
                notes.Add($"village {name} is {village.Name}");
            }

            return village;
        }

        if (UniqueVillage(county.Descendants(RegionLevel.Village), name) is { } moved)
        {
            notes.Add($"village {name} is now in {moved.Parent!.Name}" + (moved.Name != name ? $" as {moved.Name}" : string.Empty));
            return moved;
        }

        var candidates = town.Children.Where(v => v.Origin == RegionOrigin.Division && VillageCore(v.Name) == VillageCore(name)).Select(v => v.Name).ToList();
        notes.Add(candidates.Count > 1
            ? $"{name} is ambiguous in {town.Path}: {string.Join(", ", candidates)}"
            : $"no village {name} in {town.Path} ({town.Children.Count(v => v.Origin == RegionOrigin.Division)} villages) nor elsewhere in {county.Name}");
        return null;
    }

    private static Region? FindAmong(IEnumerable<Region> candidates, string name, string level, List<string> notes, bool quiet = false)
    {
        var list = candidates as IReadOnlyList<Region> ?? candidates.ToList();
        if (Unique(list, name) is { } found)
        {
            if (found.Name != name)
            {
                notes.Add($"{level} {name} is {found.Name}");
            }

            return found;
        }

        if (!quiet)
        {
            notes.Add($"no {level} {name}");
        }

        return null;
    }

    /// <summary>The one candidate named <paramref name="name"/>, else the one whose name without its administrative suffix is the same.</summary>
    private static Region? Unique(IEnumerable<Region> candidates, string name)
    {
        var list = candidates as IReadOnlyList<Region> ?? candidates.ToList();
        var exact = list.Where(r => r.Name == name).Take(2).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        if (exact.Count > 1)
        {
            return null;
        }

        var core = Core(name);
        var similar = list.Where(r => Core(r.Name) == core).Take(2).ToList();
        return similar.Count == 1 ? similar[0] : null;
    }

    private static Region? UniqueVillage(IEnumerable<Region> candidates, string name)
    {
        var list = candidates as IReadOnlyList<Region> ?? candidates.ToList();
        var shortName = DivisionNames.Short(name);
        var exact = list.Where(r => r.Name == name || r.FullName == name || r.Name == shortName).Take(2).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        if (exact.Count > 1)
        {
            return null;
        }

        var core = VillageCore(name);
        var similar = list.Where(r => VillageCore(r.Name) == core).Take(2).ToList();
        return similar.Count == 1 ? similar[0] : null;
    }

    /// <summary>An unmatched village: under the deepest level found, with placeholders named as in 2015 for the levels below it.</summary>
    private static Region Place(Region country, string[] fields, Region?[] found, Dictionary<string, Region> placeholders, List<Region> all)
    {
        var parent = country;
        var depth = 0;
        for (var d = 3; d >= 0; d--)
        {
            if (found[d] is { } deepest)
            {
                (parent, depth) = (deepest, d + 1);
                break;
            }
        }

        for (; depth < 5; depth++)
        {
            var listPath = string.Join('/', fields[..(depth + 1)]);
            if (!placeholders.TryGetValue(listPath, out var region))
            {
                var level = (RegionLevel)(depth + 1);
                var path = parent == country ? fields[depth] : $"{parent.Path}/{fields[depth]}";
                region = new Region(RegionIds.For(level, listPath), level, fields[depth], path, parent, origin: RegionOrigin.AliResearch2015);
                placeholders[listPath] = region;
                all.Add(region);
            }

            parent = region;
        }

        return parent;
    }

    private static string Core(string name) => Strip(name, AdministrativeSuffixes);

    private static string VillageCore(string name) => Strip(DivisionNames.Short(name), VillageSuffixes);

    private static string Strip(string name, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    public sealed record Overlay(IReadOnlyDictionary<string, Region> Aliases, IReadOnlyList<ListMatchEntry> Entries);
}
