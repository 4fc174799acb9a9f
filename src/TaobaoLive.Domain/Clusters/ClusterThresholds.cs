namespace TaobaoLive.Domain.Clusters;

/// <summary>When a component of contiguous Taobao villages is a cluster, and when a large-scale one.</summary>
public sealed record ClusterThresholds(int MinVillages, long MinCombinedTurnoverFen, int LargeMinVillages)
{
    /// <summary>AliResearch: 10 or more contiguous Taobao villages with combined turnover of at least RMB 100 million; large from 30.</summary>
    public static ClusterThresholds AliResearch { get; } = new(10, 100_000_000_00, 30);

    public bool IsCluster(int villages, long combinedTurnoverFen) =>
        villages >= MinVillages && combinedTurnoverFen >= MinCombinedTurnoverFen;

    public bool IsLarge(int villages, long combinedTurnoverFen) =>
        IsCluster(villages, combinedTurnoverFen) && villages >= LargeMinVillages;
}
