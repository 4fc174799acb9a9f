using System.Diagnostics;
using TaobaoLive.Contracts;
using Xunit.Abstractions;

namespace TaobaoLive.Deploy.Tests.Cluster;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ComposeClusterCollection : ICollectionFixture<ComposeCluster>
{
    public const string Name = "compose cluster";
}

/// <summary>
/// deploy/compose on Docker: three silos on PostgreSQL behind nginx, used only through the balancer.
/// Every order answered 200 is in the ledger; the platform must show exactly the ledger, shop by
/// shop, in their villages and in the country, after a silo is killed and after every silo is
/// restarted in turn under load. A dashboard on the live hub through the balancer must get the next
/// status change after each, reconnecting when its silo went away.
/// </summary>
[Collection(ComposeClusterCollection.Name)]
public sealed class ComposeClusterTests(ComposeCluster cluster, ITestOutputHelper output)
{
    // aliresearch-2015: a village qualifies at RMB 10,000,000.00 of annual turnover with 100 active
    // shops; 100 shops of RMB 100,000.00 each reach exactly that.
    private const int QualifyingShops = 100;
    private const decimal QualifyingShare = 100_000.00m;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Random _random = new(2026);

    [DockerClusterFact]
    public async Task A_killed_silo_loses_no_acknowledged_order_the_metrics_count_what_was_posted_and_a_dashboard_reconnects_to_the_next_status_change()
    {
        var watch = Stopwatch.StartNew();
        output.WriteLine($"cluster up in {cluster.StartedIn.TotalSeconds:0.0} s");
        var villages = await cluster.Api.ListRegions("village", limit: 40);
        var (ledgerVillages, statusVillage) = (villages.Take(4).ToList(), villages[4]);
        var ingest = new BalancerIngest(cluster.Balancer, cluster.Ledger);
        var shops = Enumerable.Range(0, 40).Select(i => new ShopRecord($"kill-{_run}-{i}", ledgerVillages[i % 4].Path)).ToList();
        await ingest.RegisterShops(shops);
        await using var dashboard = await Dashboard.Connect(cluster.BalancerAddress, ComposeCluster.Key);
        var dashboardSilo = await cluster.SiloHoldingTheWebSockets();

        try
        {
            var accepted = await cluster.ClusterSum("taobaolive_orders_accepted_total");
            var answered = await cluster.ClusterSum("taobaolive_ingest_batches_total", "http_response_status_code", "200");
            var journaled = await cluster.ClusterSum("taobaolive_journal_entries");
            for (var b = 0; b < 10; b++)
            {
                await ingest.PostOrders(Batch(shops, 50, $"kill-{_run}-b{b}"), $"kill-{_run}-b{b}");
            }

            // Every silo's own scrape: the cluster's counters moved by exactly the 10 batches of 50.
            Assert.Equal(500, await cluster.ClusterSum("taobaolive_orders_accepted_total") - accepted);
            Assert.Equal(10, await cluster.ClusterSum("taobaolive_ingest_batches_total", "http_response_status_code", "200") - answered);
            Assert.Equal(10, await cluster.ClusterSum("taobaolive_journal_entries") - journaled);

            var subscriptions = dashboard.Subscriptions;
            await cluster.Kill(dashboardSilo);
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: killed {dashboardSilo}, the dashboard's silo");
            for (var b = 10; b < 20; b++)
            {
                await ingest.PostOrders(Batch(shops, 50, $"kill-{_run}-b{b}"), $"kill-{_run}-b{b}");
            }

            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: 10 more batches acknowledged ({ingest.Retried} answered 503 and retried)");
            await dashboard.WaitUntilSubscribedAfter(subscriptions, "the dashboard reconnected through the balancer after its silo was killed");
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: the dashboard reconnected");
            await Qualify(ingest, statusVillage, $"kill-{_run}-status");
            var change = await dashboard.WaitForStatus(c => c.Path == statusVillage.Path, "the village's status change on the reconnected dashboard");
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: status change received");

            Assert.Equal(("village", "qualified", "taobao-village"), (change.Level, change.Kind, change.To));
            await AssertExact(shops, [.. ledgerVillages, statusVillage]);
            Assert.Empty(ingest.Failures);
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: every shop, village and the country exact");
        }
        catch
        {
            output.WriteLine(await cluster.Logs());
            throw;
        }
        finally
        {
            // The next test starts from three ready silos.
            await cluster.Start(dashboardSilo);
            await cluster.WaitUntilReady(dashboardSilo);
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: {dashboardSilo} back");
        }
    }

    /// <summary>
    /// Every silo stopped in turn by docker stop (SIGTERM) under a steady load through the balancer
    /// and started again: each exits 0 within the grace period and is ready again, no request fails
    /// except with a 503 (retried with its key), the dashboard gets the status change made after
    /// each step, reconnecting when its silo was the one stopped, and afterwards every acknowledged
    /// order is counted exactly.
    /// </summary>
    [DockerClusterFact]
    public async Task A_rolling_restart_under_load_loses_nothing_fails_nothing_but_retryable_503s_and_dashboards_reconnect()
    {
        var watch = Stopwatch.StartNew();
        output.WriteLine($"cluster up in {cluster.StartedIn.TotalSeconds:0.0} s");
        var villages = await cluster.Api.ListRegions("village", limit: 40);
        var (ledgerVillages, statusVillages) = (villages.Skip(10).Take(6).ToList(), villages.Skip(20).Take(3).ToList());
        var ingest = new BalancerIngest(cluster.Balancer, cluster.Ledger);
        var shops = Enumerable.Range(0, 60).Select(i => new ShopRecord($"rolling-{_run}-{i}", ledgerVillages[i % 6].Path)).ToList();
        await ingest.RegisterShops(shops);
        await using var dashboard = await Dashboard.Connect(cluster.BalancerAddress, ComposeCluster.Key);

        string? down = null;
        try
        {
            var before = cluster.Ledger.Count;
            using var loadEnds = new CancellationTokenSource();
            var producers = Enumerable.Range(0, 2).Select(p => Produce(ingest, shops, p, loadEnds.Token)).ToList();
            await Eventually.Until(() => Task.FromResult(cluster.Ledger.Count), n => n >= before + 200, "load flowing through the balancer");
            for (var i = 0; i < ComposeCluster.Silos.Count; i++)
            {
                var silo = ComposeCluster.Silos[i];
                var step = Stopwatch.StartNew();
                var stopping = DateTimeOffset.UtcNow;
                down = silo;
                await cluster.Stop(silo);
                var stopped = step.Elapsed;
                output.WriteLine($"--- {silo}'s log while it stopped (last lines):\n{await cluster.LogsSince(silo, stopping)}");
                Assert.Equal(0, await cluster.ExitCode(silo));
                await cluster.Start(silo);
                down = null;
                await cluster.WaitUntilReady(silo);
                output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: {silo} stopped by SIGTERM in {stopped.TotalSeconds:0.0} s, ready again {(step.Elapsed - stopped).TotalSeconds:0.0} s later; {cluster.Ledger.Count - before} orders acknowledged so far, {ingest.Retried} batches answered 503 and retried");

                // The next status change reaches the dashboard, through a new connection if its silo was this one.
                await dashboard.WaitUntilFollowing($"the dashboard following after {silo} restarted");
                await Qualify(ingest, statusVillages[i], $"rolling-{_run}-status-{i}");
                var change = await dashboard.WaitForStatus(c => c.Path == statusVillages[i].Path, $"the status change after {silo} restarted");
                Assert.Equal(("qualified", "taobao-village"), (change.Kind, change.To));
            }

            await loadEnds.CancelAsync();
            await Task.WhenAll(producers);
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: load ended: {cluster.Ledger.Count - before} orders acknowledged, {ingest.Retried} batches answered 503 and retried, {ingest.Failures.Count} failures; the dashboard subscribed {dashboard.Subscriptions} time(s)");

            Assert.Empty(ingest.Failures);
            // Every silo was stopped once, the dashboard's own among them.
            Assert.True(dashboard.Subscriptions >= 2, $"the dashboard subscribed {dashboard.Subscriptions} time(s): it never reconnected");
            await AssertExact(shops, [.. ledgerVillages, .. statusVillages]);
            output.WriteLine($"{watch.Elapsed.TotalSeconds,5:0.0} s: every shop, village and the country exact");
        }
        catch
        {
            output.WriteLine(await cluster.Logs());
            throw;
        }
        finally
        {
            // The next test starts from three ready silos.
            if (down is not null)
            {
                await cluster.Start(down);
                await cluster.WaitUntilReady(down);
            }
        }
    }

    /// <summary>One batch every 100 ms from each producer until the load ends (a steady load, not a benchmark).</summary>
    private async Task Produce(BalancerIngest ingest, List<ShopRecord> shops, int producer, CancellationToken loadEnds)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var batch = 0;
        while (!loadEnds.IsCancellationRequested)
        {
            var key = $"rolling-{_run}-p{producer}-b{batch++}";
            await ingest.PostOrders(Batch(shops, 20, key), key);
            try
            {
                await pace.WaitForNextTickAsync(loadEnds);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private List<OrderRecord> Batch(List<ShopRecord> shops, int size, string key)
    {
        var paidAt = DateTimeOffset.UtcNow;
        lock (_random)
        {
            return Enumerable.Range(0, size)
                .Select(i => new OrderRecord($"{key}-{i}", shops[_random.Next(shops.Count)].ShopId, (1 + _random.Next(99_999)) / 100m, paidAt))
                .ToList();
        }
    }

    /// <summary>Makes <paramref name="village"/> a Taobao village: 100 new shops of RMB 100,000.00 each.</summary>
    private static async Task Qualify(BalancerIngest ingest, RegionView village, string prefix)
    {
        var shops = Enumerable.Range(0, QualifyingShops).Select(i => new ShopRecord($"{prefix}-{i}", village.Path)).ToList();
        await ingest.RegisterShops(shops);
        var paidAt = DateTimeOffset.UtcNow;
        await ingest.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, QualifyingShare, paidAt)).ToList(), prefix);
    }

    /// <summary>
    /// Until every shop shows exactly its ledger (turnover and order count), every village the sum of
    /// its shops' ledgers and the country the whole ledger, read through the balancer; on timeout the
    /// message names every shop and level that differs, with both figures.
    /// </summary>
    private async Task AssertExact(IReadOnlyList<ShopRecord> shops, IReadOnlyList<RegionView> villages)
    {
        var ledger = cluster.Ledger;
        await Eventually.Until(
            async () =>
            {
                var wrong = new List<string>();
                foreach (var shop in shops)
                {
                    var (yuan, orders) = ledger.Shop(shop.ShopId);
                    try
                    {
                        var view = await cluster.Api.GetShop(shop.ShopId);
                        if (view.AnnualTurnover != yuan || view.Orders != orders)
                        {
                            wrong.Add($"{shop.ShopId}: {view.Orders} orders, {view.AnnualTurnover:0.00} (ledger {orders}, {yuan:0.00})");
                        }
                    }
                    catch (Exception exception) when (exception is TaobaoLive.Client.TaobaoLiveApiException or HttpRequestException or TaskCanceledException)
                    {
                        wrong.Add($"{shop.ShopId}: unreadable ({exception.Message})");
                    }
                }

                foreach (var village in villages)
                {
                    var want = ledger.Village(village.Path);
                    var view = await Read(() => cluster.Api.GetRegion(village.Id));
                    if (view?.AnnualTurnover != want)
                    {
                        wrong.Add($"{village.Path}: {view?.AnnualTurnover:0.00} (ledger {want:0.00})");
                    }
                }

                var country = await Read(() => cluster.Api.GetRegion("country-cn"));
                if (country?.AnnualTurnover != ledger.Total)
                {
                    wrong.Add($"country: {country?.AnnualTurnover:0.00} (ledger {ledger.Total:0.00})");
                }

                return new Differences(wrong);
            },
            d => d.Lines.Count == 0,
            "every shop, village and the country equal to the ledger of acknowledged orders",
            TimeSpan.FromSeconds(90));
    }

    private static async Task<RegionView?> Read(Func<Task<RegionView>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is TaobaoLive.Client.TaobaoLiveApiException or HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private sealed record Differences(IReadOnlyList<string> Lines)
    {
        public override string ToString() => $"{Lines.Count} differ: {string.Join("; ", Lines)}";
    }
}
