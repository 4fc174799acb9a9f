using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// The loaded administrative tree with lookups by id and by path. Regions above the village and
/// villages without a division code are indexed directly; the national geography's 620k coded
/// villages are found through their town (a 12-digit code's first 9 digits are its town's code, a
/// village path's parent is its town's path), which keeps the index at about 45k entries.
/// </summary>
public sealed class GeographyModel
{
    public const string CountryName = "中国";

    private static readonly int[] PaddedLengths = [2, 4, 6, 9];

    private readonly Dictionary<string, Region> _byId;
    private readonly Dictionary<string, Region> _byPath;
    private readonly Dictionary<string, Region> _aliases;
    private readonly int[] _counts;
    private IReadOnlyList<Region>? _listed2015;
    private RegionSearch? _search;

    internal GeographyModel(string sourceName, Region country, IReadOnlyList<Region> all, IReadOnlyDictionary<string, Region>? aliases = null, ListMatchReport? listMatch = null)
    {
        SourceName = sourceName;
        Country = country;
        _counts = new int[Enum.GetValues<RegionLevel>().Length];
        var indexed = 0;
        foreach (var region in all)
        {
            _counts[(int)region.Level]++;
            if (!IsFoundThroughTown(region))
            {
                indexed++;
            }
        }

        _byId = new Dictionary<string, Region>(indexed, StringComparer.Ordinal);
        _byPath = new Dictionary<string, Region>(indexed, StringComparer.Ordinal);
        var villages = new Region[_counts[(int)RegionLevel.Village]];
        var v = 0;
        foreach (var region in all)
        {
            region.TrimChildren();
            if (region.Level == RegionLevel.Village)
            {
                villages[v++] = region;
            }

            if (!IsFoundThroughTown(region))
            {
                _byId[region.Id] = region;
                _byPath[region.Path] = region;
            }
        }

        _aliases = aliases is null ? new Dictionary<string, Region>(StringComparer.Ordinal) : new Dictionary<string, Region>(aliases, StringComparer.Ordinal);
        Villages = villages;
        ListMatch = listMatch;
    }

    public string SourceName { get; }

    public Region Country { get; }

    public IReadOnlyList<Region> Villages { get; }

    /// <summary>The villages of AliResearch's 2015 list in list order (matched or kept under their 2015 paths); empty for other geographies.</summary>
    public IReadOnlyList<Region> Listed2015Villages => _listed2015 ??= ListMatch is null ? [] : ListMatch.Entries.Select(e => FindByPath(e.Path)!).ToList();

    /// <summary>How the 2015 list was matched to the division codes (the built-in national geography only).</summary>
    public ListMatchReport? ListMatch { get; }

    /// <summary>Search by name or code prefix; its index is built on first use.</summary>
    public RegionSearch Search => LazyInitializer.EnsureInitialized(ref _search, () => new RegionSearch(this));

    public int Count(RegionLevel level) => _counts[(int)level];

    public IEnumerable<Region> AtLevel(RegionLevel level) => level == RegionLevel.Village ? Villages : Country.Descendants(level);

    public Region? FindById(string id)
    {
        if (_byId.TryGetValue(id, out var region))
        {
            return region;
        }

        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            return null;
        }

        if (_byId.TryGetValue(id[..9], out var town) && town.Level == RegionLevel.Town && town.ChildWithId(id) is { } village)
        {
            return village;
        }

        // The 12-digit form of a code above the village level (440000000000 is 广东省). Highest level
        // first: 东莞市's county-level code 441900 pads to the same digits as the city 4419.
        foreach (var length in PaddedLengths)
        {
            if (id.AsSpan(length).IndexOfAnyExcept('0') < 0 && _byId.TryGetValue(id[..length], out region))
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>
    /// Exact path by display names (a village also by its full name); "中国/" before it is allowed,
    /// "中国" alone is the country; surrounding '/' and spaces are ignored. In the built-in geography
    /// the 2015 list's paths resolve too, to the regions they were matched to.
    /// </summary>
    public Region? FindByPath(string path)
    {
        var normalized = path.Trim().Trim('/').Trim();
        if (normalized == CountryName)
        {
            return Country;
        }

        if (normalized.StartsWith(CountryName + "/", StringComparison.Ordinal))
        {
            normalized = normalized[(CountryName.Length + 1)..];
        }

        if (_byPath.TryGetValue(normalized, out var region) || _aliases.TryGetValue(normalized, out region))
        {
            return region;
        }

        var slash = normalized.LastIndexOf('/');
        return slash > 0 && _byPath.TryGetValue(normalized[..slash], out var parent) && parent.Level == RegionLevel.Town
            ? parent.ChildNamed(normalized[(slash + 1)..])
            : null;
    }

    /// <summary>Everything that takes a region accepts an id or a path: ids first.</summary>
    public bool TryResolve(string? idOrPath, out Region region)
    {
        region = null!;
        if (string.IsNullOrWhiteSpace(idOrPath))
        {
            return false;
        }

        var found = FindById(idOrPath.Trim()) ?? FindByPath(idOrPath);
        if (found is null)
        {
            return false;
        }

        region = found;
        return true;
    }

    public Region Resolve(string idOrPath) =>
        TryResolve(idOrPath, out var region)
            ? region
            : throw new KeyNotFoundException($"no region with id or path '{idOrPath}' in geography {SourceName}");

    private static bool IsFoundThroughTown(Region region) =>
        region.Level == RegionLevel.Village && region.Origin == RegionOrigin.Division;
}
