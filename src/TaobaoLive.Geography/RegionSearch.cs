using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Finds regions by name prefix (display or full name) or by code prefix (digits), optionally
/// within a region. Ranking: an exact name first, then higher levels before lower (a county
/// called 普宁市 before a village of that name), shorter names, then path order; so the one
/// 东风村 of a county comes first when searching within that county. The name index is two
/// arrays of references sorted by name (about 10 MB for the national geography), built on the
/// first search, not at start.
/// </summary>
public sealed class RegionSearch
{
    public const int MaxLimit = 100;

    private readonly GeographyModel _geography;
    private readonly Lazy<(Region[] ByName, Region[] ByFullName)> _index;

    public RegionSearch(GeographyModel geography)
    {
        _geography = geography;
        _index = new Lazy<(Region[], Region[])>(BuildIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> regions matching <paramref name="query"/>: digits are a code
    /// prefix, anything else a name prefix; "广东省/揭阳市/东" searches "东" within the path before
    /// the last '/'. Empty when nothing matches (or the path before '/' is unknown).
    /// </summary>
    public IReadOnlyList<Region> Search(string query, Region? within = null, int limit = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var text = query.Trim().Trim('/');
        var slash = text.LastIndexOf('/');
        if (slash > 0)
        {
            if (_geography.FindByPath(text[..slash]) is not { } scope || (within is not null && scope.AncestorAt(within.Level) != within))
            {
                return [];
            }

            within = scope;
            text = text[(slash + 1)..].Trim();
        }

        if (text.Length == 0)
        {
            return [];
        }

        var byCode = text.All(char.IsAsciiDigit);
        var candidates = byCode ? ByCode(text) : ByName(text);
        if (within is not null)
        {
            candidates = candidates.Where(r => r != within && r.Level > within.Level && r.AncestorAt(within.Level) == within);
        }

        if (byCode)
        {
            // Already level by level in code order, the exact code first at its level.
            return candidates.Take(Math.Min(limit, MaxLimit)).ToList();
        }

        return candidates
            .Distinct()
            .OrderBy(r => r.Name == text || r.FullName == text ? 0 : 1)
            .ThenBy(r => r.Level)
            .ThenBy(r => r.Name.Length)
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .Take(Math.Min(limit, MaxLimit))
            .ToList();
    }

    private IEnumerable<Region> ByName(string prefix)
    {
        var (byName, byFullName) = _index.Value;
        return Range(byName, prefix, static r => r.Name).Concat(Range(byFullName, prefix, static r => r.FullName));
    }

    /// <summary>Regions whose code (id) starts with the digits: found by walking down the tree along the prefix.</summary>
    private IEnumerable<Region> ByCode(string digits)
    {
        var region = _geography.Country;
        while (true)
        {
            var next = region.Children.FirstOrDefault(c => c.Origin == RegionOrigin.Division && digits.StartsWith(c.Id, StringComparison.Ordinal) && c.Id.Length < digits.Length);
            if (next is null)
            {
                break;
            }

            region = next;
        }

        return Below(region).Where(r => r.Origin == RegionOrigin.Division && r.Id.StartsWith(digits, StringComparison.Ordinal));

        // Level by level, so a prefix matching many villages still yields its towns first and stops early.
        static IEnumerable<Region> Below(Region root)
        {
            var level = new List<Region> { root };
            while (level.Count > 0)
            {
                var next = new List<Region>();
                foreach (var region in level)
                {
                    yield return region;
                    next.AddRange(region.Children);
                }

                level = next;
            }
        }
    }

    private static IEnumerable<Region> Range(Region[] sorted, string prefix, Func<Region, string> key)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(key(sorted[middle]), prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < sorted.Length && key(sorted[i]).StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return sorted[i];
        }
    }

    private (Region[], Region[]) BuildIndex()
    {
        var all = new List<Region>(_geography.Villages.Count + 50_000);
        foreach (var level in new[] { RegionLevel.Province, RegionLevel.City, RegionLevel.County, RegionLevel.Town, RegionLevel.Village })
        {
            all.AddRange(_geography.AtLevel(level));
        }

        var byName = all.ToArray();
        Array.Sort(byName, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var byFullName = all.Where(r => r.FullName != r.Name).ToArray();
        Array.Sort(byFullName, static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        return (byName, byFullName);
    }
}
