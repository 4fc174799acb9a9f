namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// A village's standing for its province's cluster grain: absolute values, newest sequence wins
/// within one activation of the village (<see cref="Epoch"/>); a new epoch is taken as it comes.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("TaobaoLive.VillageStanding")]
public sealed record VillageStanding(
    [property: Id(0)] string VillageId,
    [property: Id(1)] long Seq,
    [property: Id(2)] bool IsTaobaoVillage,
    [property: Id(3)] long AnnualTurnoverFen,
    [property: Id(4)] DateTimeOffset EventTime,
    [property: Id(5)] long Epoch = 0);
