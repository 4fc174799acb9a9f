using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Geography;
using System.Globalization;
using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

/// <summary>Ten Taobao villages of one county (contiguous by the built-in list's fallback) form a cluster.</summary>
[Collection(CliHostCollection.Name)]
public sealed class ClusterTests(CliHost host)
{
    private const string County = "广东省/广州市/白云区";

    private static readonly string[] Villages =
        ["大沥村", "大源村", "和龙村", "黄庄村", "龙归社区", "米龙村", "南村", "南岭村", "石湖村", "穗丰村"];

    [Fact]
    public async Task A_thousand_shops_in_batches_too_large_for_the_host_still_load_and_form_a_cluster()
    {
        var paths = Villages.Select(v => $"{County}/太和镇/{v}").ToList();
        using var shops = new TempFile(".csv", [.. paths.SelectMany((path, v) => Enumerable.Range(0, 100).Select(s => $"th-{v}-{s:000},{path}"))]);
        using var orders = new TempFile(
            ".csv",
            ["orderId,shopId,amount,paidAt", .. Villages.SelectMany((_, v) => Enumerable.Range(0, 100).Select(s => $"th-{v}-{s:000}-o,th-{v}-{s:000},100000,2026-11-11T08:00:00+08:00"))]);

        // The fixture's host takes at most 64 KiB a request: 1,000 records are split until they fit.
        var registered = await host.Run("load-shops", shops.Path);
        var accepted = await host.Run("load-orders", orders.Path);

        Assert.Equal((ExitCodes.Ok, string.Empty), (registered.ExitCode, registered.Errors));
        Assert.Equal($"registered 1,000 shops from {shops.Path}", registered.OutputLines[^1]);
        Assert.True(registered.OutputLines.Count > 2, "the batch was split");
        Assert.Equal((ExitCodes.Ok, string.Empty), (accepted.ExitCode, accepted.Errors));
        Assert.Equal($"accepted 1,000 orders from {orders.Path}", accepted.OutputLines[^1]);
        Assert.Equal(1000, accepted.OutputLines.SkipLast(1).Sum(l => int.Parse(l.Split(": ")[1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));

        var cluster = (await Eventually.Until(() => host.Api.GetClusters(County), c => c.Count == 1 && c[0].AnnualTurnover == 100_000_000.00m, "the cluster forms"))[0];
        // Named after the county holding its villages, with its size.
        Assert.Equal("白云区集群 (10)", cluster.Name);
        // The 2015 paths resolve to today's villages (太和镇 has since been split: some are in 大源街道 and 龙归街道).
        var geography = host.Services.GetRequiredService<GeographyModel>();
        Assert.Equal(paths.Select(p => geography.Resolve(p).Path).Order(StringComparer.Ordinal), cluster.Members.Select(m => m.Path).Order(StringComparer.Ordinal));

        var run = await host.Run("clusters", "--within", County, "--members");
        Assert.Equal(
            CliRun.Text(
            [
                "name             status   size   annual (yuan)  province  id",
                $"白云区集群 (10)  cluster    10  100,000,000.00  广东省    {cluster.Id}",
                string.Empty,
                $"白云区集群 (10) {cluster.Id}, 10 villages:",
                .. cluster.Members.Select(m => $"  {m.Path}"),
            ]),
            run.Output);

        // The history API and the CLI's events name the cluster and its villages, never their ids:
        // which villages the cause names depends on how the orders were batched, its end does not.
        // The cluster's event reaches the history after the cluster itself can be read: wait for it.
        var history = await Eventually.Until(() => host.Api.GetEvents("广东省", null, 1000), es => es.Any(e => e.Kind == "cluster-formed" && e.SubjectId == cluster.Id), "the cluster's formation in the province's history");
        var formed = history.Single(e => e.Kind == "cluster-formed" && e.SubjectId == cluster.Id);
        Assert.Equal(("白云区集群 (10)", "广东省"), (formed.Name, formed.Path));
        Assert.EndsWith(": cluster 白云区集群 (10) formed (10 villages, RMB 100,000,000.00)", formed.Cause, StringComparison.Ordinal);
        Assert.Matches(@"^villages? \S+ \(广东省/广州市/白云区/", formed.Cause);
        Assert.DoesNotMatch(@"\d{9}|cluster-", formed.Cause);
        var events = await host.Run("events", "--within", "广东省", "--limit", "1000");
        var line = Assert.Single(events.OutputLines, l => l.Contains("cluster-formed", StringComparison.Ordinal) && l.Contains(formed.Cause, StringComparison.Ordinal));
        Assert.Matches(@" cluster-formed +none -> cluster +白云区集群 \(10\) +广东省 ", line);

        var county = await Eventually.Until(() => host.Api.GetRegion(County), c => c.Clusters == 1 && c.TaobaoVillages == 10, "the county counts its cluster");
        var region = await host.Run("region", County);
        Assert.Contains("taobao villages  10", region.OutputLines);
        Assert.Contains("clusters         1", region.OutputLines);
        // Other tests may add turnover elsewhere in the county: the block shows whatever the host holds.
        Assert.Contains($"annual turnover  {county.AnnualTurnover.ToString("N2", CultureInfo.InvariantCulture)} yuan", region.OutputLines);

        var top = await host.Run("top", "clusters", "--by", "annual");
        Assert.Equal(
            CliRun.Text(
                "rank  name             status    annual (yuan)    today (yuan)  province",
                "   1  白云区集群 (10)  cluster  100,000,000.00  100,000,000.00  广东省"),
            top.Output);
    }
}
