using System.Net;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace TaobaoLive.Host.Tests.Api;

/// <summary>After a scripted scenario the query endpoints return exactly what the grains hold.</summary>
[Collection(HostCollection.Name)]
public sealed class QueryTests(HostFixture host)
{
    private const string Town = "广东省/汕头市/潮南区/陈店镇";

    [Fact]
    public async Task Three_villages_qualify_their_town_and_every_query_agrees_with_the_grains()
    {
        var geography = host.Services.GetRequiredService<GeographyModel>();
        var villages = geography.Resolve(Town).Children.Take(3).ToList();
        foreach (var (village, v) in villages.Select((village, v) => (village, v)))
        {
            var shops = Enumerable.Range(0, 100).Select(s => new ShopRecord($"q-{v}-{s}", village.Path)).ToList();
            Assert.Equal(100, await host.Api.RegisterShops(shops));
            var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 100_000.00m, HostFixture.Start)).ToList();
            Assert.Equal(100, (await host.Api.PostOrders(orders)).Accepted);
        }

        var town = await Eventually.Until(() => host.Api.GetRegion(Town), t => t.Status == "taobao-town", "town qualified");
        Assert.Equal((3, 1, 300, 300, 30_000_000.00m, 30_000_000.00m), (town.TaobaoVillages, town.TaobaoTowns, town.Shops, town.ActiveShops, town.AnnualTurnover, town.TodayTurnover));
        Assert.Equal(("town", "陈店镇", geography.Resolve(Town).Id), (town.Level, town.Name, town.Id));

        var grain = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITownGrain>(town.Id).GetState();
        Assert.Equal(grain.AnnualTurnoverFen, (long)(town.AnnualTurnover * 100));
        Assert.Equal(grain.Counts.TaobaoVillages, town.TaobaoVillages);
        Assert.Equal(town with { AsOf = default }, (await host.Api.GetRegion(town.Id)) with { AsOf = default });

        // Status lists come from the ranking index, which follows the grains by a flush.
        await Eventually.Until(() => host.Api.ListRegions("town", within: "广东省", status: "taobao-town"), l => l.Any(t => t.Id == town.Id), "town listed");
        var qualifiedVillages = await Eventually.Until(() => host.Api.ListRegions("village", within: Town, status: "taobao-village"), l => l.Count == 3, "villages listed");
        Assert.Equal(villages.Select(v => v.Id).Order(), qualifiedVillages.Select(v => v.Id).Order());
        var children = await host.Api.GetChildren(Town);
        Assert.Equal(geography.Resolve(Town).Children.Count, children.Count);
        Assert.Equal(3, children.Count(c => c.Status == "taobao-village"));

        var county = await Eventually.Until(() => host.Api.GetRegion("广东省/汕头市/潮南区"), c => c.TaobaoTowns == 1, "county counts the town");
        Assert.Equal(3, county.TaobaoVillages);

        var events = await Eventually.Until(() => host.Api.GetEvents(within: Town), e => e.Count == 4, "three villages and the town");
        Assert.Equal(["qualified", "qualified", "qualified", "qualified"], events.Select(e => e.Kind));
        Assert.Equal(["village", "village", "village", "town"], events.Select(e => e.Level));
        Assert.All(events, e => Assert.Equal(HostFixture.Start, e.EventTime));

        var top = await Eventually.Until(() => host.Api.GetLeaderboard("villages", "annual", 3), b => b.Count == 3 && b.All(e => e.AnnualTurnover == 10_000_000.00m), "leaderboard");
        Assert.Equal(villages.Select(v => v.Id).Order(), top.Select(e => e.Id).Order());
        Assert.Equal([1, 2, 3], top.Select(e => e.Rank));
        var towns = await host.Api.GetLeaderboard("towns", "today", 1);
        Assert.Equal(town.Id, Assert.Single(towns).Id);

        var shop = await host.Api.GetShop("q-0-0");
        Assert.Equal((100_000.00m, true, villages[0].Path), (shop.AnnualTurnover, shop.Active, shop.VillagePath));
    }

    [Fact]
    public async Task Unknown_regions_levels_and_statuses_get_precise_errors()
    {
        var byId = await host.Http.GetAsync("api/regions/village-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal([new ApiError(-1, "id", "no region with id or path 'village-000000000000'")], HttpExtensions.Errors(await byId.Content.ReadAsStringAsync()));

        var level = await host.Http.GetAsync("api/regions?level=planet");
        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);

        var status = await host.Http.GetAsync("api/regions?level=county&status=taobao-town");
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Equal([new ApiError(-1, "status", "status 'taobao-town' does not apply to level county: villages are taobao-village or none, towns taobao-town or none")], HttpExtensions.Errors(await status.Content.ReadAsStringAsync()));

        var board = await host.Http.GetAsync("api/leaderboards/planets");
        Assert.Equal(HttpStatusCode.NotFound, board.StatusCode);
        var health = await host.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var platform = await host.Api.GetPlatform();
        // The built-in national geography: 620,573 coded villages and the 25 of the 2015 list that match no code.
        Assert.Equal(("aliresearch-2015", "Wall", 620_573 + 25, HostFixture.Start), (platform.RuleSet, platform.Clock, platform.Villages, platform.Now));
    }

    [Fact]
    public async Task Search_finds_regions_by_name_and_code_prefix_with_full_paths_exact_name_first()
    {
        var inCounty = await host.Api.SearchRegions("东风村", within: "北京市/市辖区/朝阳区");
        Assert.Equal(new RegionHit("110105039204", "village", "东风村", "东风村村委会", "北京市/市辖区/朝阳区/东坝地区/东风村", "110105039204", false), inCounty[0]);

        var listed = await host.Api.SearchRegions("广东省/揭阳市/普宁市/新寮");
        Assert.Equal([new RegionHit("445281005207", "village", "新寮村", "新寮村委会", "广东省/揭阳市/普宁市/池尾街道/新寮村", "445281005207", true)], listed);

        var byCode = await host.Api.SearchRegions("4452", limit: 3);
        Assert.Equal(["4452", "445202", "445203"], byCode.Select(h => h.Id));
        Assert.Equal("广东省/揭阳市", byCode[0].Path);

        Assert.Empty(await host.Api.SearchRegions("火星人基地"));

        var region = await host.Api.GetRegion("445281005207");
        Assert.Equal(("新寮村", "新寮村委会", "445281005207", true), (region.Name, region.FullName, region.Code, region.Listed2015));
    }

    [Theory]
    [InlineData("api/regions/search", HttpStatusCode.BadRequest, "q", "give ?q= a name prefix (东风), a code prefix (4452) or a path ending in one (广东省/揭阳市/普宁市/东)")]
    [InlineData("api/regions/search?q=%E4%B8%9C%E9%A3%8E&limit=0", HttpStatusCode.BadRequest, "limit", "limit must be a whole number from 1 to 100 (got '0')")]
    [InlineData("api/regions/search?q=%E4%B8%9C%E9%A3%8E&limit=abc", HttpStatusCode.BadRequest, "limit", "limit must be a whole number from 1 to 100 (got 'abc')")]
    [InlineData("api/regions/search?q=%E4%B8%9C%E9%A3%8E&within=%E7%81%AB%E6%98%9F%E7%9C%81", HttpStatusCode.NotFound, "within", "no region with id or path '火星省'")]
    public async Task Search_rejects_what_it_cannot_answer(string url, HttpStatusCode code, string field, string message)
    {
        var response = await host.Http.GetAsync(url);
        Assert.Equal(code, response.StatusCode);
        Assert.Equal([new ApiError(-1, field, message)], HttpExtensions.Errors(await response.Content.ReadAsStringAsync()));
    }
}
