namespace TaobaoLive.Domain.Clusters;

/// <summary>
/// One cluster transition. <see cref="RelatedClusterIds"/>: for <see cref="ClusterChangeKind.Merged"/>
/// the clusters absorbed; for <see cref="ClusterChangeKind.Split"/> the new clusters split off.
/// </summary>
public sealed record ClusterChange(
    ClusterChangeKind Kind,
    string ClusterId,
    int Size,
    long CombinedTurnoverFen,
    bool IsLarge,
    IReadOnlyList<string> RelatedClusterIds,
    IReadOnlyList<string> Members,
    string Cause);
