namespace TaobaoLive.Abstractions.Shops;

/// <summary>One online shop, keyed by shop id. It must be registered to a village before it takes orders.</summary>
[Alias("TaobaoLive.IShopGrain")]
public interface IShopGrain : IGrainWithStringKey
{
    /// <summary>Registers the shop to a village (id); re-registering to the same village renames it, to another is refused.</summary>
    [Alias("Register")]
    Task<ShopRegistrationResult> Register(string villageId, string? name);

    /// <summary>Checks every record first; applies all of them or none. Indexes in errors are positions in <paramref name="orders"/>.</summary>
    [Alias("RecordOrders")]
    Task<OrderBatchResult> RecordOrders(IReadOnlyList<ShopOrder> orders);

    [Alias("GetState")]
    Task<ShopSnapshot> GetState();
}
