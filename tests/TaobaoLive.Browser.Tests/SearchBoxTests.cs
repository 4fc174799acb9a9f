using Microsoft.Playwright;

namespace TaobaoLive.Browser.Tests;

/// <summary>The region search box on every page: typing asks the host, choosing opens the region.</summary>
public sealed class SearchBoxTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/clusters.html")]
    [InlineData("/region.html?id=country-cn")]
    public async Task Every_page_finds_a_village_by_name_within_a_path_and_opens_it(string page)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var tab = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await tab.GotoAsync(new Uri(host.BaseAddress, page).ToString());

        await tab.FillAsync("#region-search input", "广东省/揭阳市/普宁市/新寮");
        await tab.WaitFor("() => document.querySelector('#region-search li[data-index=\"0\"] .path')?.textContent === '广东省/揭阳市/普宁市/池尾街道/新寮村'");
        Assert.Contains("445281005207", await tab.InnerTextAsync("#region-search li[data-index=\"0\"]"), StringComparison.Ordinal);

        await tab.PressAsync("#region-search input", "Enter");
        // The navigation committed is enough: the next wait is for the page to show the village. (Waiting
        // for its load event as well once took more than 20 s on a loaded CI machine.)
        await tab.WaitForURLAsync("**/region.html?id=445281005207", new PageWaitForURLOptions { Timeout = PageWaits.Timeout, WaitUntil = WaitUntilState.Commit });
        await tab.WaitFor("() => document.body.textContent.includes('新寮村')");
    }

    [Fact]
    public async Task An_unknown_name_says_so()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var tab = await browser.NewPageAsync();
        await tab.GotoAsync(new Uri(host.BaseAddress, "/").ToString());

        await tab.FillAsync("#region-search input", "火星人基地");
        await tab.WaitFor("() => document.querySelector('#region-search li.empty')?.textContent === 'no region matches'");
    }
}
