using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Clusters;

/// <summary>The English sentences that explain a <see cref="ClusterChange"/>.</summary>
internal static class ChangeCause
{
    /// <summary>Villages named in a cause before the rest are counted ("and 7 more").</summary>
    private const int NamedVillages = 3;

    /// <summary>What the batch did to a component's villages, e.g. "village x became a Taobao village".</summary>
    public static string Reason(IReadOnlyList<string> joined, IReadOnlyList<string> lapsed, IReadOnlyList<string> retuned, int retunedDirection)
    {
        var clauses = new List<string>(3);
        if (joined.Count > 0)
        {
            clauses.Add($"{Villages(joined)} {(joined.Count == 1 ? "became a Taobao village" : "became Taobao villages")}");
        }

        if (lapsed.Count > 0)
        {
            clauses.Add($"{Villages(lapsed)} {(lapsed.Count == 1 ? "is no longer a Taobao village" : "are no longer Taobao villages")}");
        }

        if (retuned.Count > 0)
        {
            var verb = retunedDirection switch { > 0 => "rose", < 0 => "fell", _ => "changed" };
            clauses.Add($"the annual turnover of {Villages(retuned)} {verb}");
        }

        return clauses.Count == 0 ? "the component was rebuilt" : string.Join("; ", clauses);
    }

    public static string Standing(int size, long turnoverFen) => $"{size} villages, {Yuan.FormatGrouped(turnoverFen)}";

    public static string Thresholds(ClusterThresholds thresholds) =>
        $"{thresholds.MinVillages} villages, {Yuan.FormatGrouped(thresholds.MinCombinedTurnoverFen)}";

    /// <summary>"cl-2", "cl-2 and cl-3", "cl-2, cl-3 and cl-4".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    private static string Villages(IReadOnlyList<string> ids)
    {
        if (ids.Count == 1)
        {
            return $"village {ids[0]}";
        }

        return ids.Count <= NamedVillages
            ? $"villages {List(ids)}"
            : $"villages {string.Join(", ", ids.Take(NamedVillages))} and {ids.Count - NamedVillages} more";
    }
}
