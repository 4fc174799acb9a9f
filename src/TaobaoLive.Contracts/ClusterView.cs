namespace TaobaoLive.Contracts;

/// <summary>
/// A village cluster: "cluster" or "large-cluster". <see cref="Name"/> is its human name, after the
/// county holding most of its villages and with its size (普宁市集群 (25)).
/// </summary>
public sealed record ClusterView(
    string Id,
    string Status,
    int Size,
    decimal AnnualTurnover,
    string ProvinceId,
    IReadOnlyList<ClusterMember> Members,
    string? Name = null);
