using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// A node of the administrative tree. <see cref="Path"/> joins names with '/' from the province
/// down (the country's path is its name, 中国). Villages may carry households, coordinates and
/// neighbour ids; other levels do not.
/// </summary>
public sealed class Region
{
    private readonly List<Region> _children = [];

    internal Region(string id, RegionLevel level, string name, string path, Region? parent)
    {
        Id = id;
        Level = level;
        Name = name;
        Path = path;
        Parent = parent;
        parent?._children.Add(this);
    }

    public string Id { get; }

    public RegionLevel Level { get; }

    public string Name { get; }

    public string Path { get; }

    public Region? Parent { get; }

    public IReadOnlyList<Region> Children => _children;

    public int? Households { get; internal set; }

    public double? Latitude { get; internal set; }

    public double? Longitude { get; internal set; }

    public IReadOnlyList<string> NeighbourIds { get; internal set; } = [];

    public int VillageCount { get; internal set; }

    /// <summary>This region or its ancestor at <paramref name="level"/>; null when the level is below this one.</summary>
    public Region? AncestorAt(RegionLevel level)
    {
        for (var region = this; region is not null; region = region.Parent)
        {
            if (region.Level == level)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>Every region at <paramref name="level"/> beneath this one (itself if it is at that level), in file order.</summary>
    public IEnumerable<Region> Descendants(RegionLevel level)
    {
        if (Level == level)
        {
            yield return this;
            yield break;
        }

        if (Level > level)
        {
            yield break;
        }

        foreach (var child in _children)
        {
            foreach (var descendant in child.Descendants(level))
            {
                yield return descendant;
            }
        }
    }

    public override string ToString() => $"{Level} {Path} ({Id})";
}
