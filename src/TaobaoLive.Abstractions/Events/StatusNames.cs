namespace TaobaoLive.Abstractions.Events;

/// <summary>The status words used on the wire and in <see cref="StatusChanged.From"/> / <see cref="StatusChanged.To"/>.</summary>
public static class StatusNames
{
    public const string None = "none";
    public const string TaobaoVillage = "taobao-village";
    public const string TaobaoTown = "taobao-town";
    public const string Cluster = "cluster";
    public const string LargeCluster = "large-cluster";
}
