namespace TaobaoLive.Grains.Tests.Infrastructure;

/// <summary>Amounts used across the scenarios, in fen.</summary>
public static class Money
{
    /// <summary>RMB 10,000,000.00: the Taobao village turnover threshold (AliResearch).</summary>
    public const long VillageThreshold = 10_000_000_00;

    /// <summary>RMB 100,000,000.00: the cluster's combined turnover threshold.</summary>
    public const long ClusterThreshold = 100_000_000_00;
}
