using System.Globalization;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Human names for village clusters: after the county that holds most of the cluster's villages
/// (ties: the county whose code or id sorts first), with the size: 普宁市集群 (25). Villages of one
/// county are contiguous on the administrative fallback, so there a cluster never leaves its
/// county and the name stays as it grows; with coordinates or neighbour lists it follows the
/// majority. Where two clusters of a province share that county the town holding most of the
/// cluster's villages is added: 普宁市占陇镇集群 (12).
/// </summary>
public static class ClusterNames
{
    public const string Suffix = "集群";

    /// <summary>The base name without the size (普宁市集群); the cluster id when no member is in the geography.</summary>
    public static string BaseName(GeographyModel geography, string clusterId, IEnumerable<string> memberIds, bool withTown = false)
    {
        var villages = memberIds.Select(geography.FindById).OfType<Region>().ToList();
        if (villages.Count == 0)
        {
            return clusterId;
        }

        var county = Majority(villages, RegionLevel.County)!;
        if (!withTown)
        {
            return county.Name + Suffix;
        }

        var town = Majority(villages.Where(v => v.AncestorAt(RegionLevel.County) == county), RegionLevel.Town);
        return county.Name + town?.Name + Suffix;
    }

    /// <summary>Names for the clusters of one province at once, so that two sharing a county are told apart by town.</summary>
    public static IReadOnlyList<string> Names(GeographyModel geography, IReadOnlyList<(string Id, IReadOnlyList<string> Members)> clusters)
    {
        var bases = clusters.Select(c => BaseName(geography, c.Id, c.Members)).ToList();
        var shared = bases.GroupBy(b => b, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return clusters
            .Select((c, i) => WithSize(shared.Contains(bases[i]) ? BaseName(geography, c.Id, c.Members, withTown: true) : bases[i], c.Members.Count))
            .ToList();
    }

    public static string WithSize(string baseName, int size) => string.Create(CultureInfo.InvariantCulture, $"{baseName} ({size})");

    private static Region? Majority(IEnumerable<Region> villages, RegionLevel level) =>
        villages
            .Select(v => v.AncestorAt(level))
            .OfType<Region>()
            .GroupBy(r => r)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
}
