namespace TaobaoLive.Abstractions.Shops;

/// <summary>
/// References to shop grains by their stable grain and interface types. Ingest resolves a reference
/// per shop per batch; naming both types skips the reflection and type-name formatting that
/// <c>GetGrain&lt;IShopGrain&gt;(string)</c> repeats on every call (11% of ingest CPU and a fifth of
/// its allocations in the benchmark profile, see docs/benchmarks.md).
/// </summary>
public static class ShopGrains
{
    /// <summary>The grain type of shops; part of every stored shop row, so it never changes.</summary>
    public const string GrainTypeName = "shop";

    /// <summary>The interface type of <see cref="IShopGrain"/> on the wire.</summary>
    public const string InterfaceTypeName = "taobaolive.shop";

    private static readonly GrainType Type = GrainType.Create(GrainTypeName);
    private static readonly GrainInterfaceType Interface = GrainInterfaceType.Create(InterfaceTypeName);

    public static IShopGrain Get(IGrainFactory grains, string shopId) =>
        (IShopGrain)grains.GetGrain(GrainId.Create(Type, shopId), Interface);
}
