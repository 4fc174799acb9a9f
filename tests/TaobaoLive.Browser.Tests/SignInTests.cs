using Microsoft.Playwright;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// Headless Chromium against a host with keys: a page sends the browser to the sign-in page; a wrong
/// key is refused there; the right one sets an HttpOnly cookie the page's script cannot read, and the
/// big screen then loads its data and connects to the live hub with it.
/// </summary>
public sealed class SignInTests(SecuredBrowserHost host) : IClassFixture<SecuredBrowserHost>
{
    [Fact]
    public async Task A_browser_signs_in_once_and_the_pages_and_the_live_hub_work_with_the_cookie()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "/clusters.html").ToString());
        Assert.Equal(new Uri(host.BaseAddress, "/signin?returnUrl=%2Fclusters.html").ToString(), page.Url);

        await page.FillAsync("#key", "tlk_wrong_key");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("that key is not known to this host", await page.InnerTextAsync(".error"));

        await page.FillAsync("#key", SecuredBrowserHost.ViewerKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/clusters.html").ToString());

        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.Equal(("taobaolive.signin", true, SameSiteAttribute.Strict), (cookie.Name, cookie.HttpOnly, cookie.SameSite));
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("() => document.cookie"));

        await page.GotoAsync(host.BaseAddress.ToString());
        Assert.Equal(host.BaseAddress.ToString(), page.Url);
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        // Data read with the cookie: the country's numbers, and the warm-up panel's rule (read from the leaderboard API).
        await page.WaitFor("() => document.getElementById('today-turnover').dataset.yuan === '0' && document.getElementById('warmup-rule').textContent.includes('10,000,000')");
    }
}
