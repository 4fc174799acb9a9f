namespace TaobaoLive.Client.Contracts;

/// <summary>
/// A region as the HTTP API shows it. Money is yuan with two decimals. <see cref="Status"/> is
/// "taobao-village", "taobao-town" or "none" for villages and towns and null above them.
/// </summary>
public sealed record RegionView(
    string Id,
    string Level,
    string Name,
    string Path,
    string? ParentId,
    string? Status,
    decimal AnnualTurnover,
    decimal TodayTurnover,
    int Shops,
    int ActiveShops,
    int? Households,
    int TaobaoVillages,
    int TaobaoTowns,
    int Clusters,
    int Children,
    DateTimeOffset? StatusSince,
    string? StatusCause,
    DateTimeOffset AsOf);
