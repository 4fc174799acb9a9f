namespace TaobaoLive.Domain.Clusters;

/// <summary>What a tracker needs to be rebuilt: the id counter and every component with its villages.</summary>
public sealed record ClusterTrackerSnapshot(int NextNumber, IReadOnlyList<ComponentSnapshot> Components);
