using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// A node of the administrative tree. <see cref="Path"/> joins display names with '/' from the
/// province down (the country's path is its name, 中国). Villages may carry households, coordinates
/// and neighbour ids; other levels do not. The national geography holds 620k villages, so a village
/// keeps only what it needs: its path is computed from its town's, and the rarely present details
/// live in a separate object.
/// </summary>
public sealed class Region
{
    private static readonly Region[] NoChildren = [];

    private readonly string? _path;
    private readonly string? _fullName;
    private Region[] _children = NoChildren;
    private int _childCount;
    private VillageDetails? _details;

    internal Region(string id, RegionLevel level, string name, string path, Region? parent, string? fullName = null, RegionOrigin origin = RegionOrigin.File)
    {
        Id = id;
        Level = level;
        Name = name;
        _fullName = fullName is null || fullName == name ? null : fullName;
        Origin = origin;
        _path = level == RegionLevel.Village && parent is not null ? null : path;
        Parent = parent;
        parent?.AddChild(this);
    }

    /// <summary>The region's id: its official statistical division code where it has one (2, 4, 6, 9 or 12 digits by level), otherwise a derived id (<see cref="RegionIds"/>).</summary>
    public string Id { get; }

    public RegionLevel Level { get; }

    /// <summary>The short display name (东风村), used in paths.</summary>
    public string Name { get; }

    /// <summary>The full official name (东风村村委会); the same as <see cref="Name"/> where there is no longer form.</summary>
    public string FullName => _fullName ?? Name;

    public string Path => _path ?? string.Concat(Parent!.Path, "/", Name);

    public Region? Parent { get; }

    /// <summary>Where the region comes from: the division codes, a geography file, or the 2015 list where no code matched.</summary>
    public RegionOrigin Origin { get; }

    /// <summary>The official 12-digit statistical division code (zero-padded below the region's level), or null for regions without one.</summary>
    public string? Code => Origin == RegionOrigin.Division && Level != RegionLevel.Country ? Id.PadRight(12, '0') : null;

    /// <summary>True for a village on AliResearch's 2015 list of Taobao villages (the built-in geography only).</summary>
    public bool Listed2015 { get; internal set; }

    public IReadOnlyList<Region> Children => new ArraySegment<Region>(_children, 0, _childCount);

    public int? Households
    {
        get => _details?.Households;
        internal set => Details.Households = value;
    }

    public double? Latitude
    {
        get => _details?.Latitude;
        internal set => Details.Latitude = value;
    }

    public double? Longitude
    {
        get => _details?.Longitude;
        internal set => Details.Longitude = value;
    }

    public IReadOnlyList<string> NeighbourIds
    {
        get => _details?.NeighbourIds ?? [];
        internal set => Details.NeighbourIds = value;
    }

    public int VillageCount { get; internal set; }

    private VillageDetails Details => _details ??= new VillageDetails();

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

        for (var i = 0; i < _childCount; i++)
        {
            var child = _children[i];
            if (child.Level == level)
            {
                yield return child;
                continue;
            }

            foreach (var descendant in child.Descendants(level))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The child with this display or full name (display names first); null when none.</summary>
    public Region? ChildNamed(string name)
    {
        for (var i = 0; i < _childCount; i++)
        {
            if (string.Equals(_children[i].Name, name, StringComparison.Ordinal))
            {
                return _children[i];
            }
        }

        for (var i = 0; i < _childCount; i++)
        {
            if (string.Equals(_children[i]._fullName, name, StringComparison.Ordinal))
            {
                return _children[i];
            }
        }

        return null;
    }

    /// <summary>The child with this id (children are few: a town has about 15 villages); null when none.</summary>
    public Region? ChildWithId(string id)
    {
        for (var i = 0; i < _childCount; i++)
        {
            if (string.Equals(_children[i].Id, id, StringComparison.Ordinal))
            {
                return _children[i];
            }
        }

        return null;
    }

    public override string ToString() => $"{Level} {Path} ({Id})";

    /// <summary>Drops the spare room left by growing the children array (once, when the tree is built).</summary>
    internal void TrimChildren()
    {
        if (_children.Length != _childCount)
        {
            Array.Resize(ref _children, _childCount);
        }
    }

    private void AddChild(Region child)
    {
        if (_childCount == _children.Length)
        {
            Array.Resize(ref _children, _children.Length == 0 ? 4 : _children.Length * 2);
        }

        _children[_childCount++] = child;
    }

    private sealed class VillageDetails
    {
        public int? Households { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public IReadOnlyList<string>? NeighbourIds { get; set; }
    }
}
