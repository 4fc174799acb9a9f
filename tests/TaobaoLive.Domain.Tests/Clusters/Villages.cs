using TaobaoLive.Domain.Clusters;

namespace TaobaoLive.Domain.Tests.Clusters;

/// <summary>Small hand-built graphs and updates for the cluster tests.</summary>
internal static class Villages
{
    /// <summary>RMB 10 million, in fen: ten such villages together just reach a cluster's RMB 100 million.</summary>
    public const long TenMillion = 10_000_000_00;

    public static string Name(string prefix, int i) => $"{prefix}{i:00}";

    /// <summary>prefix01 — prefix02 — … — prefixNN by explicit neighbour lists (the last names its predecessor).</summary>
    public static IEnumerable<VillageSite> Chain(string prefix, int length) =>
        Enumerable.Range(1, length).Select(i => new VillageSite(
            Name(prefix, i),
            "chains",
            [i < length ? Name(prefix, i + 1) : Name(prefix, i - 1)],
            null,
            null));

    public static VillageSite Link(string id, params string[] neighbours) => new(id, "chains", neighbours, null, null);

    public static ContiguityGraph Graph(params IEnumerable<VillageSite>[] parts) => ContiguityGraph.Build(parts.SelectMany(p => p), 5);

    public static ClusterTracker Tracker(ContiguityGraph graph) => new(graph, ClusterThresholds.AliResearch, "cl");

    public static VillageUpdate On(string id, long fen = TenMillion) => new(id, true, fen);

    public static VillageUpdate Off(string id) => new(id, false, 0);

    public static VillageUpdate[] Range(string prefix, int from, int to, long fen = TenMillion) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => On(Name(prefix, i), fen))];

    public static VillageUpdate[] Lapse(string prefix, int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => Off(Name(prefix, i)))];

    public static string[] Names(string prefix, int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => Name(prefix, i))];

    /// <summary>(kind, id, size, related ids joined by commas): enough to assert a sequence of changes exactly.</summary>
    public static List<(ClusterChangeKind Kind, string Id, int Size, string Related)> Summary(IEnumerable<ClusterChange> changes) =>
        [.. changes.Select(c => (c.Kind, c.ClusterId, c.Size, string.Join(",", c.RelatedClusterIds)))];

    /// <summary>Every field of each change, lists flattened, for comparing two trackers.</summary>
    public static List<string> Full(IEnumerable<ClusterChange> changes) =>
        [.. changes.Select(c => $"{c.Kind}|{c.ClusterId}|{c.Size}|{c.CombinedTurnoverFen}|{c.IsLarge}|{string.Join(",", c.RelatedClusterIds)}|{string.Join(",", c.Members)}|{c.Cause}")];

    public static List<string> Full(IEnumerable<ClusterView> views) =>
        [.. views.Select(v => $"{v.Id}|{v.Size}|{v.CombinedTurnoverFen}|{v.IsLarge}|{string.Join(",", v.Members)}")];
}
