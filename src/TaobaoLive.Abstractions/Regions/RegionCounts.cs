namespace TaobaoLive.Abstractions.Regions;

/// <summary>
/// Counts over a region's subtree at the current clock. <see cref="Clusters"/> counts village
/// clusters with at least one member inside the region.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.RegionCounts")]
public sealed record RegionCounts(
    [property: Id(0)] int Shops,
    [property: Id(1)] int ActiveShops,
    [property: Id(2)] int TaobaoVillages,
    [property: Id(3)] int TaobaoTowns,
    [property: Id(4)] int Clusters)
{
    public static RegionCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public RegionCounts Plus(RegionCounts other) => new(
        Shops + other.Shops,
        ActiveShops + other.ActiveShops,
        TaobaoVillages + other.TaobaoVillages,
        TaobaoTowns + other.TaobaoTowns,
        Clusters + other.Clusters);

    public RegionCounts Minus(RegionCounts other) => new(
        Shops - other.Shops,
        ActiveShops - other.ActiveShops,
        TaobaoVillages - other.TaobaoVillages,
        TaobaoTowns - other.TaobaoTowns,
        Clusters - other.Clusters);
}
