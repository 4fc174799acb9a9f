namespace TaobaoLive.Contracts;

public sealed record ShopView(
    string ShopId,
    string? Name,
    string VillageId,
    string VillagePath,
    decimal AnnualTurnover,
    decimal TodayTurnover,
    bool Active,
    DateTimeOffset? LastPaidAt,
    long Orders,
    long Refunds,
    DateTimeOffset AsOf);
