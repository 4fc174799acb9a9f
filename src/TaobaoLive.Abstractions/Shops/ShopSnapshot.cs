namespace TaobaoLive.Abstractions.Shops;

/// <summary>What a shop grain holds, read at the current business clock.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ShopSnapshot")]
public sealed record ShopSnapshot(
    [property: Id(0)] string ShopId,
    [property: Id(1)] bool Registered,
    [property: Id(2)] string? VillageId,
    [property: Id(3)] string? Name,
    [property: Id(4)] long AnnualTurnoverFen,
    [property: Id(5)] long TodayTurnoverFen,
    [property: Id(6)] bool Active,
    [property: Id(7)] DateTimeOffset? LastPaidAt,
    [property: Id(8)] long Orders,
    [property: Id(9)] long Refunds,
    [property: Id(10)] DateTimeOffset AsOf);
