namespace TaobaoLive.Domain.Clusters;

/// <summary>A component as it stands; members sorted ordinally.</summary>
public sealed record ClusterView(string Id, int Size, long CombinedTurnoverFen, bool IsLarge, IReadOnlyList<string> Members);
