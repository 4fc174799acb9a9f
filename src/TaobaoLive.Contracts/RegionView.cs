namespace TaobaoLive.Contracts;

/// <summary>
/// A region as the HTTP API shows it. Money is yuan with two decimals. <see cref="Status"/> is
/// "taobao-village", "taobao-town" or "none" for villages and towns and null above them.
/// <see cref="Name"/> is the short display name (东风村), <see cref="FullName"/> the official one
/// (东风村村委会); <see cref="Code"/> the 12-digit statistical division code where the region has one;
/// <see cref="Listed2015"/> marks a village on AliResearch's 2015 list; <see cref="Latitude"/> and
/// <see cref="Longitude"/> are a village's coordinates where the geography has them (a custom file).
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
    DateTimeOffset AsOf,
    string? FullName = null,
    string? Code = null,
    bool Listed2015 = false,
    double? Latitude = null,
    double? Longitude = null);
