using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Abstractions.Rankings;

/// <summary>A region's latest numbers for the leaderboards of its level. Today's turnover belongs to <see cref="Day"/>.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("TaobaoLive.RankingEntry")]
public sealed record RankingEntry(
    [property: Id(0)] string RegionId,
    [property: Id(1)] RegionStatus Status,
    [property: Id(2)] long AnnualTurnoverFen,
    [property: Id(3)] int Day,
    [property: Id(4)] long DayTurnoverFen);
