namespace TaobaoLive.Grains.Registry;

/// <summary>
/// Which shops are registered, and to which village, answered without activating a shop grain: a
/// read of an unknown shop id or an order batch naming 20,000 of them costs a lookup, not a grain
/// each. The shop grain stays the authority (it registers itself here once its registration is
/// kept); the host asks here before it calls a shop.
/// </summary>
public interface IShopDirectory
{
    /// <summary>The village each shop is registered to, or null where it is not, in the order asked.</summary>
    ValueTask<string?[]> VillagesOf(IReadOnlyList<string> shopIds);

    /// <summary>A shop grain kept its registration to <paramref name="villageId"/>.</summary>
    void Registered(string shopId, string villageId);
}
