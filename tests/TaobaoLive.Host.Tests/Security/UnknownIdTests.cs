using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Villages;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>
/// Reads of unknown ids answer 404 without activating a grain (the shop directory answers, not the
/// shop); the Orleans dashboard's grain state page likewise. Activations are counted by the silo's
/// own statistics before and after.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class UnknownIdTests(HostFixture host)
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/朴兜村";

    [Fact]
    public async Task Reading_unknown_shops_is_404_and_activates_no_shop()
    {
        var before = await Activations.Of<ShopGrain>(host.Services);
        for (var i = 0; i < 200; i++)
        {
            using var response = await host.Http.GetAsync($"/api/shops/ghost-shop-{i}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal([new ApiError(-1, "shopId", $"shop 'ghost-shop-{i}' is not registered")], HttpExtensions.Errors(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(before, await Activations.Of<ShopGrain>(host.Services));

        // The count moves when a shop does exist: registering one activates exactly it.
        await host.Api.RegisterShops([new ShopRecord("known-shop-for-counting", Village)]);
        Assert.Equal(before + 1, await Activations.Of<ShopGrain>(host.Services));
        Assert.Equal("known-shop-for-counting", (await host.Api.GetShop("known-shop-for-counting")).ShopId);
    }

    [Fact]
    public async Task The_dashboards_grain_state_shows_known_grains_and_activates_no_unknown_one()
    {
        await host.Api.RegisterShops([new ShopRecord("dashboard-shop", Village)]);
        var village = host.Services.GetRequiredService<GeographyModel>().FindByPath(Village)!.Id;
        // The registration's report activates the village on its way; reading it first makes that happen now.
        Assert.Equal(village, (await host.Api.GetRegion(village)).Id);
        var shopsBefore = await Activations.Of<ShopGrain>(host.Services);
        var villagesBefore = await Activations.Of<VillageGrain>(host.Services);

        var unknownShop = await GrainState(typeof(ShopGrain).FullName!, "ghost-dashboard-shop");
        var unknownVillage = await GrainState(typeof(VillageGrain).FullName!, "no-such-village");
        var otherType = await GrainState("Orleans.Runtime.Management.ManagementGrain", "0");

        Assert.Equal(HttpStatusCode.NotFound, unknownShop.Status);
        Assert.Equal([new ApiError(-1, "grainId", "no ShopGrain with id 'ghost-dashboard-shop': the dashboard shows grains that exist, and activates none for an unknown id")], HttpExtensions.Errors(unknownShop.Body));
        Assert.Equal(HttpStatusCode.NotFound, unknownVillage.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherType.Status);
        Assert.Equal(shopsBefore, await Activations.Of<ShopGrain>(host.Services));
        Assert.Equal(villagesBefore, await Activations.Of<VillageGrain>(host.Services));

        var shop = await GrainState(typeof(ShopGrain).FullName!, "dashboard-shop");
        var known = await GrainState(typeof(VillageGrain).FullName!, village);
        Assert.Equal(HttpStatusCode.OK, shop.Status);
        Assert.Contains("dashboard-shop", shop.Body, StringComparison.Ordinal);
        // (The dashboard shows a village as {}: it finds no state method on the village's own interface.)
        Assert.Equal(HttpStatusCode.OK, known.Status);
    }

    private async Task<(HttpStatusCode Status, string Body)> GrainState(string type, string id)
    {
        using var response = await host.Http.GetAsync($"/dashboard/GrainState?grainType={Uri.EscapeDataString(type)}&grainId={Uri.EscapeDataString(id)}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>An order batch of 20,000 unknown shop ids is refused whole and activates no shop.</summary>
[Collection(ReplayHostCollection.Name)]
public sealed class UnknownShopBatchTests(ReplayHostFixture host)
{
    [Fact]
    public async Task A_batch_of_20000_unknown_shops_is_422_and_activates_no_shop()
    {
        const int Count = 20_000;
        var body = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"orderId\":\"ghost-order-{i}\",\"shopId\":\"ghost-{i}\",\"amount\":\"1.00\",\"paidAt\":\"2026-11-20T10:00:00+08:00\"}}\n");
        }

        var before = await Activations.Of<ShopGrain>(host.Services);
        var (status, answer, _) = await host.Http.PostRaw("api/orders", body.ToString(), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var unknown = HttpExtensions.Errors(answer).Where(e => e.Field == "shopId").ToList();
        Assert.Equal(Count, unknown.Count);
        Assert.Equal("shop 'ghost-17' is not registered; register it with POST /api/shops first", unknown.Single(e => e.Index == 17).Message);
        Assert.Equal(before, await Activations.Of<ShopGrain>(host.Services));
    }
}
