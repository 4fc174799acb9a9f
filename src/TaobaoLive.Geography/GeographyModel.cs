using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>The loaded administrative tree with O(1) lookups by id and by path.</summary>
public sealed class GeographyModel
{
    public const string CountryName = "中国";

    private readonly Dictionary<string, Region> _byId;
    private readonly Dictionary<string, Region> _byPath;
    private readonly int[] _counts;

    internal GeographyModel(string sourceName, Region country, IReadOnlyList<Region> all)
    {
        SourceName = sourceName;
        Country = country;
        _byId = new Dictionary<string, Region>(all.Count, StringComparer.Ordinal);
        _byPath = new Dictionary<string, Region>(all.Count, StringComparer.Ordinal);
        _counts = new int[Enum.GetValues<RegionLevel>().Length];
        foreach (var region in all)
        {
            _byId[region.Id] = region;
            _byPath[region.Path] = region;
            _counts[(int)region.Level]++;
        }

        Villages = all.Where(r => r.Level == RegionLevel.Village).ToList();
    }

    public string SourceName { get; }

    public Region Country { get; }

    public IReadOnlyList<Region> Villages { get; }

    public int Count(RegionLevel level) => _counts[(int)level];

    public IEnumerable<Region> AtLevel(RegionLevel level) => Country.Descendants(level);

    public Region? FindById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Exact path; "中国/" before it is allowed, "中国" alone is the country; surrounding '/' and spaces are ignored.</summary>
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

        return _byPath.GetValueOrDefault(normalized);
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
}
