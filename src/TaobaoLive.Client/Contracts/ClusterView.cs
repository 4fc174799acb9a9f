namespace TaobaoLive.Client.Contracts;

/// <summary>A village cluster: "cluster" or "large-cluster".</summary>
public sealed record ClusterView(
    string Id,
    string Status,
    int Size,
    decimal AnnualTurnover,
    string ProvinceId,
    IReadOnlyList<ClusterMember> Members);
