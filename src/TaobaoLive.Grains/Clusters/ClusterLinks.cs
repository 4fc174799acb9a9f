namespace TaobaoLive.Grains.Clusters;

/// <summary>
/// A province's cluster grain is one more child of each county, city and the province it counts
/// clusters for: its reports travel the areas' stream inbox beside the child regions' under this
/// child id, which no region id can take (region ids are "level-" and hex digits, division digits,
/// or "country-cn").
/// </summary>
internal static class ClusterLinks
{
    private const string Prefix = "clusters:";

    public static string ChildId(string provinceId) => Prefix + provinceId;

    /// <summary>Whether <paramref name="childId"/> names a cluster grain, and which province's.</summary>
    public static bool IsClusterLink(string childId, out string provinceId)
    {
        if (childId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            provinceId = childId[Prefix.Length..];
            return true;
        }

        provinceId = string.Empty;
        return false;
    }
}
