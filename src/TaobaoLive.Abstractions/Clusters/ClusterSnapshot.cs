namespace TaobaoLive.Abstractions.Clusters;

/// <summary>A village cluster as its province's cluster grain holds it. Members are village ids, sorted.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ClusterSnapshot")]
public sealed record ClusterSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProvinceId,
    [property: Id(2)] bool IsLarge,
    [property: Id(3)] int Size,
    [property: Id(4)] long AnnualTurnoverFen,
    [property: Id(5)] IReadOnlyList<string> Members);
