namespace TaobaoLive.Abstractions.Streaming;

/// <summary>A village's standing for its province's cluster grain: absolute values, newest sequence wins.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.VillageStanding")]
public sealed record VillageStanding(
    [property: Id(0)] string VillageId,
    [property: Id(1)] long Seq,
    [property: Id(2)] bool IsTaobaoVillage,
    [property: Id(3)] long AnnualTurnoverFen,
    [property: Id(4)] DateTimeOffset EventTime);
