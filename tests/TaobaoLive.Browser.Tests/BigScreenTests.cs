using System.Globalization;
using Microsoft.Playwright;
using TaobaoLive.Contracts;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// Headless Chromium (Debian's package; `.ci/run` installs it when missing) loads the big screen
/// from the host, orders are posted over HTTP, and the page shows them without a reload.
/// </summary>
public sealed class BigScreenTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>A village of the 2015 list by its 2015 path; the division codes call it 林光社区 now, and pages show that name.</summary>
    private const string Village = "浙江省/温州市/瑞安市/仙降街道/林光村";

    private const string VillageName = "林光社区";

    [Fact]
    public async Task The_big_screen_shows_turnover_and_a_new_Taobao_village_as_orders_arrive()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        // Other tests share this host: start from what the country holds now.
        var before = await host.Api.GetRegion("country-cn");
        await page.WaitFor(PageWaits.TodayTurnoverIs(before.TodayTurnover));
        Assert.Equal(before.TaobaoVillages.ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#villages"));

        // 100 shops selling RMB 100,000 each today: RMB 10 million, the village qualifies.
        var shops = Enumerable.Range(0, 100).Select(i => new ShopRecord($"browser-{i}", Village)).ToList();
        Assert.Equal(100, await host.Api.RegisterShops(shops));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(100, (await host.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-1", s.ShopId, 100_000.00m, now)).ToList())).Accepted);

        await page.WaitFor(PageWaits.TodayTurnoverIs(before.TodayTurnover + 10_000_000.00m));
        await page.WaitFor($"() => document.getElementById('villages').textContent === '{before.TaobaoVillages + 1}'");
        await page.WaitFor($"() => document.getElementById('feed').textContent.includes('{VillageName}')");
        // The leaderboards are pushed too: the new village heads today's top villages.
        await page.WaitFor($"() => document.querySelector('table[data-board=villages] tbody tr')?.textContent.includes('{VillageName}')");
        var feed = await page.InnerTextAsync("#feed");
        Assert.Contains($"达标 qualified {VillageName} 淘宝村 Taobao village", feed, StringComparison.Ordinal);
        Assert.Contains("浙江省", await page.InnerTextAsync("#province-table"), StringComparison.Ordinal);

        var screenshot = Artifacts.PathFor("big-screen.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"screenshot {screenshot} is suspiciously small");
        Assert.Empty(outside);
    }

    [Fact]
    public async Task A_village_page_shows_its_distance_to_each_threshold()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        const string village = "浙江省/舟山市/定海区/临城街道/长峙村";
        await host.Api.RegisterShops([new ShopRecord("browser-threshold", village)]);
        await host.Api.PostOrders([new OrderRecord("browser-threshold-1", "browser-threshold", 4_000_000.00m, DateTimeOffset.UtcNow)]);

        await page.GotoAsync(new Uri(host.BaseAddress, $"/region.html?id={Uri.EscapeDataString(village)}").ToString());
        await page.WaitFor("() => document.getElementById('thresholds').textContent.includes('6,000,000.00')");
        var thresholds = await page.InnerTextAsync("#thresholds");
        Assert.Contains("¥10,000,000.00", thresholds, StringComparison.Ordinal);
        Assert.Contains("99", thresholds, StringComparison.Ordinal);
        Assert.Contains("households unknown", thresholds, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor("village-page.png"), FullPage = true });
    }
}
