namespace TaobaoLive.Domain.Clusters;

/// <summary>
/// How the cause of a <see cref="ClusterChange"/> names villages and clusters. The tracker knows
/// ids only; the cluster grain, which knows the geography, names a village by its name and path
/// (东风村 (广东省/揭阳市/普宁市/占陇镇)) and a cluster by its human name (普宁市集群 (25)).
/// The change's ids (<see cref="ClusterChange.ClusterId"/>, members, related clusters) stay ids.
/// </summary>
public sealed record ChangeNames(Func<string, string> Village, Func<string, string> Cluster)
{
    /// <summary>Ids as they are.</summary>
    public static ChangeNames Ids { get; } = new(id => id, id => id);
}
