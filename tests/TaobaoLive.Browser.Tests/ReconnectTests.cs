using Microsoft.Playwright;
using TaobaoLive.Contracts;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// The big screen's SignalR socket is cut under it (Playwright routes the page's WebSocket and
/// closes it from the server side): the page shows "reconnecting…", reconnects by itself, subscribes
/// to its topics again on the new connection, and shows the next status change and numbers.
/// </summary>
public sealed class ReconnectTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Village = "浙江省/温州市/瑞安市/仙降街道/垟头村";

    [Fact]
    public async Task A_dropped_connection_is_shown_reconnected_and_resubscribed()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync("**/hubs/live**", socket =>
        {
            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        var badges = new List<string>();
        await page.ExposeFunctionAsync("recordBadge", (string text) =>
        {
            lock (badges)
            {
                badges.Add(text);
            }
        });

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        await page.EvaluateAsync("() => new MutationObserver(() => window.recordBadge(document.getElementById('connection').textContent)).observe(document.getElementById('connection'), { childList: true, characterData: true, subtree: true })");
        var before = await host.Api.GetRegion("country-cn");
        await page.WaitFor(PageWaits.TodayTurnoverIs(before.TodayTurnover));

        IWebSocketRoute first;
        lock (sockets)
        {
            first = Assert.Single(sockets);
        }

        await first.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test cuts the connection" });
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        Assert.Contains("reconnecting…", BadgesSeen(badges));
        Assert.Equal(2, sockets.Count);

        // Only subscriptions made again on the new connection can bring these.
        var shops = Enumerable.Range(0, 100).Select(i => new ShopRecord($"reconnect-{i}", Village)).ToList();
        Assert.Equal(100, await host.Api.RegisterShops(shops));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(100, (await host.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-1", s.ShopId, 100_000.00m, now)).ToList())).Accepted);

        await page.WaitFor("() => document.getElementById('feed').textContent.includes('垟头村')");
        await page.WaitFor($"() => !({PageWaits.TodayTurnoverIs(before.TodayTurnover)})()");
        Assert.Equal(["reconnecting…", "connected"], BadgesSeen(badges));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor("big-screen-reconnected.png"), FullPage = true });
    }

    private static List<string> BadgesSeen(List<string> badges)
    {
        lock (badges)
        {
            // Consecutive repeats collapsed: the observer fires per DOM mutation.
            return badges.Where((b, i) => i == 0 || badges[i - 1] != b).ToList();
        }
    }
}
