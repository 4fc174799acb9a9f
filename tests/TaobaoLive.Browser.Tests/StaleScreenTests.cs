using System.Diagnostics;
using Microsoft.Playwright;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// A big screen whose host goes away must not look live: within 5 s of the host stopping the numbers
/// dim, "last update N s ago" shows and the order rate reads "—". Before the first Taobao village
/// the screen says it is warming up.
/// </summary>
public sealed class StaleScreenTests
{
    [Fact]
    public async Task The_screen_warms_up_then_shows_stale_within_5_seconds_of_the_host_stopping()
    {
        var host = new BrowserHost();
        await ((IAsyncLifetime)host).InitializeAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        try
        {
            await page.GotoAsync(host.BaseAddress.ToString());
            await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
            await page.WaitFor("() => !document.body.classList.contains('stale') && document.getElementById('orders-per-second').textContent === '0'");
            Assert.True(await page.IsVisibleAsync("#warmup"));
            Assert.Contains("no Taobao village yet", await page.InnerTextAsync("#warmup"), StringComparison.Ordinal);
            Assert.False(await page.IsVisibleAsync("#feed-panel"));
            Assert.Equal(string.Empty, await page.InnerTextAsync("#freshness"));
        }
        catch
        {
            await ((IAsyncLifetime)host).DisposeAsync();
            throw;
        }

        // All of it in one look at the page: while the host stops it may still answer a request that
        // was in flight, and that fresh answer rightly shows the screen live again for a moment (a
        // check of the rate made after the stale look once read "0").
        var stopping = Stopwatch.StartNew();
        var stopped = ((IAsyncLifetime)host).DisposeAsync();
        await page.WaitForFunctionAsync(
            """
            () => document.body.classList.contains('stale')
              && /^last update \d+ s ago/.test(document.getElementById('freshness').textContent)
              && document.getElementById('orders-per-second').textContent === '—'
              && getComputedStyle(document.getElementById('villages')).opacity === '0.35'
            """,
            null,
            new PageWaitForFunctionOptions { Timeout = 5_000 });
        var shownAfter = stopping.Elapsed;

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor("big-screen-stale.png") });
        await stopped;
        Assert.True(shownAfter < TimeSpan.FromSeconds(5), $"stale shown {shownAfter.TotalSeconds:0.0} s after the host began stopping");
    }
}
