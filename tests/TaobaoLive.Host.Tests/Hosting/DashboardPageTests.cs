using System.Net;
using System.Net.Http.Json;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Hosting;

/// <summary>The dashboards are served by the host itself, libraries included: nothing comes from a CDN.</summary>
[Collection(HostCollection.Name)]
public sealed class DashboardPageTests(HostFixture host)
{
    [Theory]
    [InlineData("/", "text/html", "淘宝村实时大屏")]
    [InlineData("/region.html", "text/html", "/js/region.js")]
    [InlineData("/clusters.html", "text/html", "/js/clusters.js")]
    [InlineData("/lib/signalr.min.js", "text/javascript", "HubConnectionBuilder")]
    [InlineData("/lib/echarts.min.js", "text/javascript", "echarts")]
    [InlineData("/js/live.js", "text/javascript", "/hubs/live")]
    [InlineData("/favicon.svg", "image/svg+xml", "<svg")]
    [InlineData("/favicon.ico", "image/x-icon", "PNG")]
    public async Task Pages_and_their_libraries_are_served_locally(string path, string mediaType, string expected)
    {
        var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", body[..Math.Min(body.Length, 4000)], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_platform_counts_accepted_orders_for_the_orders_per_second_display()
    {
        await host.Api.RegisterShops([new ShopRecord("rate-shop", "广东省/揭阳市/普宁市/燎原镇/光南村")]);
        var before = (await host.Api.GetPlatform()).AcceptedOrders;

        var orders = Enumerable.Range(0, 7).Select(i => new OrderRecord($"rate-{i}", "rate-shop", 12.34m, HostFixture.Start)).ToList();
        Assert.Equal(7, (await host.Api.PostOrders(orders)).Accepted);

        Assert.Equal(before + 7, (await host.Api.GetPlatform()).AcceptedOrders);
        // The big screen reads the same counter and the business clock from /api/pulse (viewers may not read /api/platform).
        var pulse = await host.Http.GetFromJsonAsync<PulseView>("/api/pulse", TaobaoLiveJson.Options);
        Assert.Equal(new PulseView(HostFixture.Start, before + 7), pulse);
    }

    [Fact]
    public async Task A_village_page_shows_how_far_the_village_is_from_each_threshold()
    {
        const string village = "广东省/揭阳市/普宁市/燎原镇/光南村";
        await host.Api.RegisterShops([new ShopRecord("threshold-a", village), new ShopRecord("threshold-b", village)]);
        await host.Api.PostOrders([new OrderRecord("threshold-a-1", "threshold-a", 2_500_000.00m, HostFixture.Start)]);
        await Eventually.Until(() => host.Api.GetRegion(village), v => v.AnnualTurnover >= 2_500_000.00m, "turnover visible");

        var view = await host.Http.GetFromJsonAsync<VillageThresholdsView>($"/api/regions/{Uri.EscapeDataString(village)}/thresholds", TaobaoLiveJson.Options);

        var region = await host.Api.GetRegion(village);
        Assert.NotNull(view);
        Assert.Equal(("aliresearch-2015", false), (view.RuleSet, view.Qualifies));
        Assert.Equal(new ThresholdView(10_000_000.00m, region.AnnualTurnover, 10_000_000.00m - region.AnnualTurnover, false), view.Turnover);
        Assert.Equal(new ThresholdView(100, region.ActiveShops, 100 - region.ActiveShops, false), view.ActiveShops);
        Assert.Null(view.HouseholdShare);

        var town = await host.Http.GetAsync($"/api/regions/{Uri.EscapeDataString("广东省/揭阳市/普宁市/燎原镇")}/thresholds");
        Assert.Equal(HttpStatusCode.BadRequest, town.StatusCode);
        Assert.Contains("thresholds are shown for villages", await town.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_puts_todays_turnover_in_the_minute_it_arrived()
    {
        // Business time is fixed at HostFixture.Start (10:00 CST) for every test on this host, so all
        // of today's turnover, this order's included, belongs in minute 600 and nowhere else.
        await host.Api.RegisterShops([new ShopRecord("timeline-shop", "广东省/揭阳市/普宁市/燎原镇/光南村")]);
        var before = await host.Api.GetRegion("country-cn");
        await host.Api.PostOrders([new OrderRecord("timeline-1", "timeline-shop", 321.09m, HostFixture.Start)]);

        var (country, timeline) = await Eventually.Until(
            async () => (await host.Api.GetRegion("country-cn"), await host.Http.GetFromJsonAsync<TimelineView>("/api/timeline", TaobaoLiveJson.Options)),
            r => r.Item1.TodayTurnover >= before.TodayTurnover + 321.09m && r.Item2!.Today.Count == 601 && r.Item2.Today[600] == r.Item1.TodayTurnover,
            "the country's turnover today, all in minute 600");
        Assert.Equal((DateOnly.FromDateTime(HostFixture.Start.Date), 600, 1440), (timeline!.Date, timeline.Minute, timeline.Yesterday.Count));
        // The country grain's first reading was in minute 600 today: earlier minutes and the day before are unknown, not zero.
        Assert.Equal((600, (int?)null), (timeline.TodayFrom, timeline.YesterdayFrom));
        Assert.Equal(country.TodayTurnover, timeline.Today.Sum());
        Assert.All(timeline.Today.Take(600), v => Assert.Equal(0m, v));
        Assert.All(timeline.Yesterday, v => Assert.Equal(0m, v));
    }

    [Fact]
    public async Task Today_s_change_in_Taobao_villages_is_the_country_count_less_its_value_as_the_day_began()
    {
        // Every test on this host runs at HostFixture.Start: the whole life of the country grain is
        // today, so the day began at zero and "+N today" is the count itself (the page shows
        // country.taobaoVillages - dayStart.taobaoVillages). It was 49/+48 when counted from events.
        var timeline = await host.Http.GetFromJsonAsync<TimelineView>("/api/timeline", TaobaoLiveJson.Options);
        var country = await host.Api.GetRegion("country-cn");

        Assert.Equal(new DayStartCounts(0, 0, 0), timeline!.DayStart);
        Assert.Equal(country.TaobaoVillages, country.TaobaoVillages - timeline.DayStart.TaobaoVillages);
    }
}
