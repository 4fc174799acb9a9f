using System.Globalization;
using Microsoft.Playwright;
using TaobaoLive.Contracts;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// The live map (js/china-map.js) on the big screen and the clusters page: it renders China from
/// the GeoJSON the build packed (nothing fetched from outside), a village that qualifies appears in
/// the chart's data coloured as a Taobao village and turns grey when it lapses, a click on a
/// province drills down to its counties, and a cluster's villages take the cluster's colour.
/// </summary>
public sealed class MapTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Green = "#3ddc97";
    private const string Grey = "#56657f";

    /// <summary>A village of the 2015 list in 瑞安市 (county code 330381), 林光社区 today.</summary>
    private const string Village = "浙江省/温州市/瑞安市/仙降街道/林光村";

    /// <summary>
    /// Defines mapPoint(id) in the page: the chart's data item of a village as drawn (series, colour,
    /// status), or null; and mapArea(key): a province's or county's Taobao villages as shaded.
    /// </summary>
    private const string Helpers = """
        () => {
          window.mapPoint = id => {
            const option = echarts.getInstanceByDom(document.getElementById('map')).getOption();
            for (const s of option.series) for (const d of (s.data ?? [])) if (d.name === id) return { series: s.id, colour: d.itemStyle.color, status: d.value[2] };
            return null;
          };
          window.mapArea = key => echarts.getInstanceByDom(document.getElementById('map')).getOption().series.find(s => s.id === 'areas').data.find(d => d.name === key)?.value;
        }
        """;

    /// <summary>Polls the API until <paramref name="done"/> holds, for at most the pages' timeout.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(PageWaits.Timeout));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await tick.WaitForNextTickAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task The_big_screen_map_shows_a_village_that_qualifies_drills_down_to_its_county_and_greys_it_when_it_lapses()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.EvaluateAsync(Helpers);
        await page.WaitFor("() => window.chinaMap !== undefined && document.getElementById('map').dataset.view === 'china'");
        await page.WaitFor("() => document.getElementById('connection').textContent === 'connected'");
        // China's 34 provinces and regions are drawn (Taiwan, Hong Kong and Macau included) with
        // ECharts' inset of the South China Sea islands (南海诸岛, added to a map named china), on a canvas.
        var areas = await page.EvaluateAsync<string[]>("echarts.getInstanceByDom(document.getElementById('map')).getOption().series.find(s => s.id === 'areas').data.map(d => d.name)");
        Assert.Equal(34, areas.Count(a => a.Length == 2 && a.All(char.IsAsciiDigit)));
        Assert.Equal(["南海诸岛"], areas.Where(a => !a.All(char.IsAsciiDigit)));
        Assert.Contains("71", areas);
        // A canvas per layer (the points are layers of their own once there are any).
        Assert.InRange(await page.Locator("#map canvas").CountAsync(), 1, 3);

        var village = await host.Api.GetRegion(Village);
        Assert.Equal("null", await page.EvaluateAsync<string>($"JSON.stringify(mapPoint('{village.Id}'))"));

        var shops = Enumerable.Range(0, 100).Select(i => new ShopRecord($"map-{i}", Village)).ToList();
        Assert.Equal(100, await host.Api.RegisterShops(shops));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(100, (await host.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-1", s.ShopId, 100_000.00m, now)).ToList())).Accepted);

        // Pushed, not polled: the point shows as a new Taobao village (the ripple series) in no cluster's colour.
        await page.WaitFor($"() => mapPoint('{village.Id}')?.status === 'taobao-village'");
        Assert.Equal(
            ("new-villages", Green),
            (await page.EvaluateAsync<string>($"mapPoint('{village.Id}').series"), await page.EvaluateAsync<string>($"mapPoint('{village.Id}').colour")));
        Assert.Equal(1, await page.EvaluateAsync<int>("mapArea('33')"));
        // Placed around 瑞安市's centre (the division codes have no coordinates): inside the county's circle.
        var distance = await page.EvaluateAsync<double>($"(() => {{ const p = window.chinaMap.point('{village.Id}'); return Math.hypot((p.at[0] - 120.468) * Math.cos(27.822 * Math.PI / 180), p.at[1] - 27.822); }})()");
        Assert.InRange(distance, 0, 0.195);
        var shot = Artifacts.PathFor("map-big-screen.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });

        // A click on Zhejiang drills down to its counties, 瑞安市 counting the village.
        var xy = await page.EvaluateAsync<double[]>("echarts.getInstanceByDom(document.getElementById('map')).convertToPixel({ geoIndex: 0 }, [120.1, 29.2])");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]));
        await page.WaitFor("() => document.getElementById('map').dataset.view === '33'");
        await page.WaitFor("() => !document.getElementById('map-back').hidden");
        Assert.Contains("浙江", await page.InnerTextAsync("#map-title"), StringComparison.Ordinal);
        await page.WaitFor("() => mapArea('330381') === 1");
        Assert.Equal(Green, await page.EvaluateAsync<string>($"mapPoint('{village.Id}').colour"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor("map-province.png") });

        // A refund of one fen and the village lapses: its point turns grey, the county counts none.
        Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord("map-0-1", "map-0", 0.01m, now, "refund")])).Accepted);
        await page.WaitFor($"() => mapPoint('{village.Id}')?.colour === '{Grey}'");
        Assert.Equal("none", await page.EvaluateAsync<string>($"mapPoint('{village.Id}').status"));
        Assert.Equal(0, await page.EvaluateAsync<int>("mapArea('330381')"));

        await page.ClickAsync("#map-back");
        await page.WaitFor("() => document.getElementById('map').dataset.view === 'china'");
        Assert.Empty(outside);
    }

    [Fact]
    public async Task The_clusters_page_map_colours_a_new_cluster_and_its_feed_names_the_cluster()
    {
        const string county = "广东省/广州市/白云区";
        string[] names = ["大沥村", "大源村", "和龙村", "黄庄村", "龙归社区", "米龙村", "南村", "南岭村", "石湖村", "穗丰村"];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(new Uri(host.BaseAddress, "/clusters.html").ToString());
        await page.EvaluateAsync(Helpers);
        await page.WaitFor("() => window.chinaMap !== undefined && document.getElementById('connection').textContent === 'connected'");

        var shops = names.SelectMany((name, v) => Enumerable.Range(0, 100).Select(s => new ShopRecord(string.Create(CultureInfo.InvariantCulture, $"map-cl-{v}-{s}"), $"{county}/太和镇/{name}"))).ToList();
        Assert.Equal(1000, await host.Api.RegisterShops(shops));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(1000, (await host.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-1", s.ShopId, 100_000.00m, now)).ToList())).Accepted);

        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add((await host.Api.GetRegion($"{county}/太和镇/{name}")).Id);
        }

        // Every village of the cluster takes the cluster's one colour on the map (not the colour of a village in none).
        var clusters = await Eventually(() => host.Api.GetClusters(county), c => c.Count == 1);
        var colour = await page.EvaluateAsync<string>($"ChinaMap.clusterColour('{clusters[0].Id}')");
        Assert.NotEqual(Green, colour);
        var all = string.Join(",", ids.Select(id => $"'{id}'"));
        await page.WaitFor($"() => [{all}].every(id => mapPoint(id)?.colour === '{colour}')");
        Assert.Equal(10, await page.EvaluateAsync<int>($"[{all}].filter(id => mapPoint(id).status === 'taobao-village').length"));
        var clusterId = clusters[0].Id;

        // The cluster feed names the cluster, and its cause names villages, never an id.
        await page.WaitFor("() => document.getElementById('feed').textContent.includes('白云区集群 (10)')");
        var feed = await page.InnerTextAsync("#feed");
        Assert.Contains("集群形成 formed", feed, StringComparison.Ordinal);
        Assert.Contains("formed (10 villages, RMB 100,000,000.00)", feed, StringComparison.Ordinal);
        Assert.DoesNotContain(clusterId, feed, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{12}", feed);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor("map-clusters.png"), FullPage = true });
    }
}
