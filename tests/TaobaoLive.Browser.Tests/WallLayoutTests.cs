using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// The big screen on a wall: at 1280x720, 1920x1080 and 3840x2160, on a RMB 5,000亿 day, the page
/// does not scroll and no number card, province row or top-list entry overflows its box (names may
/// be cut, but only with an ellipsis and the full name on hover).
/// </summary>
public sealed class WallLayoutTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const decimal OrderYuan = 100_000_000.00m; // one 亿, the largest single order the API takes
    private const int Villages = 50;
    private const int ShopsPerVillage = 10;
    private const int OrdersPerShop = 10; // 50 x 10 x 10 orders of 1亿: 5,000亿

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _posted;
    private static (int Towns, int Counties, int Provinces) _expectedRows;

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task A_5000_yi_day_fits_the_screen_without_scrolling_or_overflow(int width, int height)
    {
        await PostTheDay();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        await page.WaitFor("() => Number(document.getElementById('today-turnover').dataset.yuan) === 500000000000");
        await page.WaitFor("() => document.querySelector('table[data-board=villages] tbody').rows.length === 10");
        await page.WaitFor($"() => document.querySelector('table[data-board=towns] tbody').rows.length === {_expectedRows.Towns}");
        await page.WaitFor($"() => document.querySelector('table[data-board=counties] tbody').rows.length === {_expectedRows.Counties}");
        await page.WaitFor($"() => document.querySelector('#province-table tbody').rows.length === {_expectedRows.Provinces}");
        await page.WaitFor("() => !document.body.classList.contains('stale') && document.getElementById('orders-per-second').textContent !== '—'");

        Assert.Equal("¥5,000.00亿", await page.InnerTextAsync("#today-turnover"));
        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]");
        Assert.True(scroll[0] <= scroll[2] && scroll[1] <= scroll[3], $"the page scrolls at {width}x{height}: content {scroll[0]}x{scroll[1]}, viewport {scroll[2]}x{scroll[3]}");

        var overflowing = await page.EvaluateAsync<string[]>(Overflowing);
        Assert.Empty(overflowing);
        var unexplained = await page.EvaluateAsync<string[]>(CutWithoutFullName);
        Assert.Empty(unexplained);
        // The top villages show the full 亿 amounts, not a cut: 10 shops x 10 orders of 1亿 each.
        Assert.Equal("100.0亿", await page.InnerTextAsync("table[data-board=villages] tbody tr:first-child td:last-child"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor($"big-screen-{width}x{height}.png") });
        Assert.Empty(failed);
    }

    /// <summary>Elements in the number cards and lists whose content is wider than they are, unless cut by an ellipsis.</summary>
    private const string Overflowing = """
        () => [...document.querySelectorAll('.kpi, .kpi *, .top-list, .top-list *, #province-table, #province-table *')]
          .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth && e.clientWidth > 0
                       && getComputedStyle(e).textOverflow !== 'ellipsis')
          .map(e => `${e.tagName}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth} '${e.textContent.trim().slice(0, 40)}'`)
        """;

    /// <summary>Text actually cut by an ellipsis must carry its full text on hover (a title on it or inside it).</summary>
    private const string CutWithoutFullName = """
        () => [...document.querySelectorAll('.kpi *, .top-list td, #province-table td')]
          .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth && getComputedStyle(e).textOverflow === 'ellipsis')
          .filter(e => !(e.title || e.querySelector('[title]') || e.closest('[title]')))
          .map(e => `${e.tagName}.${e.className}: '${e.textContent.trim().slice(0, 40)}'`)
        """;

    /// <summary>
    /// 500 shops in the 50 villages with the longest paths, ten orders of 1亿 each, all paid now:
    /// today's turnover RMB 500,000,000,000.00. Posted once for the three sizes (same host).
    /// </summary>
    private async Task PostTheDay()
    {
        await Once.WaitAsync();
        try
        {
            if (_posted)
            {
                return;
            }

            var geography = host.Services.GetRequiredService<GeographyModel>();
            var villages = geography.Country.Descendants(RegionLevel.Village).OrderByDescending(v => v.Path.Length).ThenBy(v => v.Id, StringComparer.Ordinal).Take(Villages).ToList();
            _expectedRows = (
                Math.Min(10, villages.Select(v => v.Parent!.Id).Distinct().Count()),
                Math.Min(10, villages.Select(v => v.AncestorAt(RegionLevel.County)!.Id).Distinct().Count()),
                villages.Select(v => v.AncestorAt(RegionLevel.Province)!.Id).Distinct().Count());
            var shops = villages.SelectMany((v, i) => Enumerable.Range(0, ShopsPerVillage).Select(s => new ShopRecord($"wall-{i}-{s}", v.Path))).ToList();
            Assert.Equal(shops.Count, await host.Api.RegisterShops(shops));
            var now = DateTimeOffset.UtcNow;
            var orders = shops.SelectMany(s => Enumerable.Range(0, OrdersPerShop).Select(o => new OrderRecord($"{s.ShopId}-{o}", s.ShopId, OrderYuan, now))).ToList();
            Assert.Equal(orders.Count, (await host.Api.PostOrders(orders)).Accepted);
            _posted = true;
        }
        finally
        {
            Once.Release();
        }
    }
}
