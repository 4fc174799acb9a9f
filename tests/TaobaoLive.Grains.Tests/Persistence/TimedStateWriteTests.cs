using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Persistence;

/// <summary>
/// Grains persist on a timer while dirty, not per order. These read the storage provider itself, so
/// a timer that fires but never completes its write (or never fires) fails them.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TimedStateWriteTests(PipelineFixture fixture)
{
    private static readonly string Village = TestGeography.BasicVillage("三镇", "三镇3村");

    [Fact]
    public async Task A_shop_writes_its_orders_on_the_timer_and_again_after_later_orders()
    {
        var shop = await fixture.RegisterShop("shop-timed-write", Village);
        var now = fixture.Time.GetUtcNow();

        Assert.True((await shop.RecordOrders([new ShopOrder("tw-1", 500, now)])).IsAccepted);
        var first = await Eventually.Until(() => Stored("shop-timed-write"), s => s.Orders == 1, "first timed write");
        Assert.Equal(fixture.IdOf(Village), first.VillageId);
        Assert.Equal(500, first.Days.Sum(d => d.Fen));

        Assert.True((await shop.RecordOrders([new ShopOrder("tw-2", 700, now), new ShopOrder("tw-3", 1, now)])).IsAccepted);
        var second = await Eventually.Until(() => Stored("shop-timed-write"), s => s.Orders == 3, "second timed write");
        Assert.Equal(1_201, second.Days.Sum(d => d.Fen));
    }

    private async Task<ShopState> Stored(string shopId)
    {
        var storage = fixture.Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var state = new GrainState<ShopState>(new ShopState());
        await storage.ReadStateAsync("shop", GrainId.Create(ShopGrains.GrainTypeName, shopId), state);
        return state.State ?? new ShopState();
    }
}
