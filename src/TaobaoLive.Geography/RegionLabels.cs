namespace TaobaoLive.Geography;

/// <summary>How texts meant for people (event causes) name a region: never by id.</summary>
public static class RegionLabels
{
    /// <summary>The short name and the path above it: 东风村 (广东省/揭阳市/普宁市/占陇镇); a province alone by its name.</summary>
    public static string WithPath(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.Parent is { Parent: not null } parent ? $"{region.Name} ({parent.Path})" : region.Name;
    }
}
