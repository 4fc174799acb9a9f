using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Three host processes share PostgreSQL. Orders go in through one, reads go through another, and the
/// third, which holds some of the shops, is killed with SIGKILL. Ingest goes on through the kill (a
/// batch that meets the dead silo is answered 503 and retried with its Idempotency-Key), the dead silo
/// is declared, its grains come back on the survivors from persisted state, and every number read
/// through the other silo is exact: nothing lost, nothing counted twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloCrashTests(PostgresServer postgres, ITestOutputHelper output)
{
    // Short probes so the dead silo is declared within seconds; a 1-second persist interval bounds
    // what a crash can lose, and the test waits for the rows before killing.
    private static readonly string[] Settings =
    [
        "--TaobaoLive:MembershipProbeTimeout=00:00:01",
        "--TaobaoLive:MembershipMissedProbesLimit=2",
        "--TaobaoLive:PersistInterval=00:00:01",
        "--TaobaoLive:FlushInterval=00:00:00.050",
        // The keeper's line that the regions above the shops were rebuilt after a silo left.
        "--Logging:LogLevel:TaobaoLive.Host.Persistence.Journal.JournalKeeper=Information",
    ];

    private const int ShopsPerVillage = 30;

    [Fact]
    public async Task Ingest_through_one_silo_and_reads_through_another_stay_exact_while_a_third_is_killed()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var ingest = new HostProcess(database, Settings);
        using var reader = new HostProcess(database, Settings);
        using var victim = new HostProcess(database, Settings);
        await Task.WhenAll(ingest.WaitUntilHealthy(), reader.WaitUntilHealthy(), victim.WaitUntilHealthy());
        await Eventually.Until(() => reader.Api.GetSilos(), s => s.Count(x => x.Status == "Active") == 3, "three active silos", TimeSpan.FromSeconds(30));

        var villages = await reader.Api.ListRegions("village", limit: 3);
        var shops = villages.SelectMany(v => Enumerable.Range(0, ShopsPerVillage).Select(s => new ShopRecord($"{v.Id}-k{s}", v.Path))).ToList();
        try
        {
            Assert.Equal(shops.Count, await ingest.Api.RegisterShops(shops));
        }
        catch (TaobaoLiveApiException)
        {
            output.WriteLine(ingest.Output);
            throw;
        }
        var paidAt = DateTimeOffset.UtcNow;
        var first = shops.Select(s => new OrderRecord($"{s.ShopId}-o1", s.ShopId, 10.00m, paidAt)).ToList();
        Assert.Equal(shops.Count, (await ingest.Api.PostOrders(first, "crash-batch-1")).Accepted);

        await Eventually.Until(() => Turnovers(reader, villages), t => t == Expected(villages, _ => 300.00m), "first batch read through the other silo");
        // The scenario needs the victim to hold shops: placement spreads 90 shop grains over three silos.
        var placed = await Eventually.Until(() => reader.Api.GetSilos(), s => s.Sum(x => Shops(x)) == shops.Count, "every shop activation counted");
        var victimAddress = Answering(await victim.Api.GetSilos()).Address;
        var victimSilo = placed.Single(s => s.Address == victimAddress);
        Assert.True(Shops(victimSilo) > 0, $"the silo to kill holds no shop: {Describe(placed)}");
        await Eventually.Until(() => WrittenShops(database), n => n == shops.Count, "every shop written", TimeSpan.FromSeconds(30));
        await Eventually.Until(() => WrittenVillages(database), n => n == villages.Count, "every village written with its shops", TimeSpan.FromSeconds(30));

        victim.Kill();

        // The second batch goes in at once and is retried on 503 with the same key until the cluster
        // has settled. The first attempts apply on the living silos' shops and fail on the dead one's:
        // the retry must not count the applied shops twice.
        var second = shops.Select(s => new OrderRecord($"{s.ShopId}-o2", s.ShopId, 5.00m, paidAt)).ToList();
        var (accepted, attempts) = await PostUntilAccepted(ingest, second, "crash-batch-2");
        Assert.Equal(second.Count, accepted.Accepted);
        output.WriteLine($"killed silo held {Shops(victimSilo)} of {shops.Count} shops; second batch accepted on attempt {attempts}");

        // A refund for every third shop; the shops that were on the dead silo must answer before it
        // can be checked (with the durable store the second batch was acknowledged once committed,
        // possibly before the cluster settled), so it too is retried on 503 with its key.
        var refunds = shops.Where((_, i) => i % 3 == 0).Select(s => new OrderRecord($"{s.ShopId}-r", s.ShopId, 2.00m, paidAt, "refund")).ToList();
        Assert.Equal(refunds.Count, (await PostUntilAccepted(ingest, refunds, "crash-batch-3")).Result.Accepted);

        var refundedPerVillage = shops.Where((_, i) => i % 3 == 0).GroupBy(s => s.Village).ToDictionary(g => g.Key, g => g.Count() * 2.00m);
        var expected = Expected(villages, v => (ShopsPerVillage * 15.00m) - refundedPerVillage[v.Path]);
        try
        {
            await Eventually.Until(() => Turnovers(reader, villages), t => t == expected, $"villages exact after the kill: {expected}", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            var shopViews = await Task.WhenAll(shops.Select(s => reader.Api.GetShop(s.ShopId)));
            output.WriteLine(string.Join("\n", shopViews.Select(v => $"{v.ShopId} {v.AnnualTurnover} orders={v.Orders} refunds={v.Refunds}")));
            foreach (var host in new[] { ingest, reader })
            {
                output.WriteLine(string.Join("\n", host.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(80)));
            }

            throw;
        }
        Assert.All(await Villages(reader, villages), v => Assert.Equal(ShopsPerVillage, v.Shops));

        // Every shop too, within the same bound: while Orleans' directory heals after the kill, a shop
        // can briefly have a second activation, and the one a read reaches may lack a batch the other
        // applied until the refused one hands it over (the journal keeper, every 2 s). A batch lost
        // for good keeps the shop short and fails the wait.
        await Eventually.Until(() => ShopsOff(reader, shops), off => off.Length == 0, "every shop exact after the kill", TimeSpan.FromSeconds(30));

        var survivors = await Eventually.Until(() => reader.Api.GetSilos(), s => s.Any(x => x.Address == victimAddress && x.Status == "Dead"), "the killed silo declared dead");
        Assert.Equal(2, survivors.Count(s => s.Status == "Active"));
        Assert.Equal(0, survivors.Single(s => s.Address == victimAddress).Activations);
        Assert.Equal(shops.Count, survivors.Sum(Shops));

        // Once the dead silo's journal mark is recovered, every region above the shops rebuilds from
        // its children (a report lost with the dead silo would otherwise wait for that child's next one).
        await Eventually.Until(
            () => Task.FromResult(ingest.Output + reader.Output),
            log => Rebuilt(log, "after a silo left", villages.Count),
            "the survivors' journal keeper reconciled the regions above the shops",
            TimeSpan.FromSeconds(60));
        Assert.Equal(expected, await Turnovers(reader, villages));
    }

    /// <summary>The journal keeper's line that the regions above the shops rebuilt from their children, for the reason given.</summary>
    private static bool Rebuilt(string log, string why, int villages) =>
        Regex.IsMatch(log, $@"{Regex.Escape(why)}, \d+ region\(s\) above the shops of {villages} village\(s\) rebuilt from their children");

    /// <summary>Posts with the key until accepted; 503 (the cluster is changing) and a lost connection are retried.</summary>
    private static async Task<(IngestResult Result, int Attempts)> PostUntilAccepted(HostProcess host, IReadOnlyList<OrderRecord> orders, string key)
    {
        var attempts = 0;
        var accepted = await Eventually.Until(
            async () =>
            {
                attempts++;
                try
                {
                    return await host.Api.PostOrders(orders, key);
                }
                catch (Exception e) when (e is TaobaoLiveApiException { Status: HttpStatusCode.ServiceUnavailable } or HttpRequestException or TaskCanceledException)
                {
                    return null;
                }
            },
            result => result is not null,
            $"{key} accepted after the kill",
            TimeSpan.FromSeconds(90));
        return (accepted!, attempts);
    }

    /// <summary>The shops whose figures differ from the batches (15.00 in two orders, less 2.00 for every third shop's refund), as "id turnover/orders/refunds; …" (empty when none does).</summary>
    private static async Task<string> ShopsOff(HostProcess host, IReadOnlyList<ShopRecord> shops)
    {
        var views = await Task.WhenAll(shops.Select(s => host.Api.GetShop(s.ShopId)));
        var off = new List<string>();
        for (var i = 0; i < views.Length; i++)
        {
            var refunded = i % 3 == 0 ? 1L : 0L;
            if ((views[i].AnnualTurnover, views[i].Orders, views[i].Refunds) != (15.00m - (refunded * 2.00m), 2L, refunded))
            {
                off.Add($"{views[i].ShopId} {views[i].AnnualTurnover:0.00}/{views[i].Orders}/{views[i].Refunds}");
            }
        }

        return string.Join("; ", off);
    }

    private static async Task<IReadOnlyList<RegionView>> Villages(HostProcess host, IReadOnlyList<RegionView> villages) =>
        await Task.WhenAll(villages.Select(v => host.Api.GetRegion(v.Id)));

    /// <summary>"id=turnover, ..." so a failed wait shows the numbers it saw.</summary>
    private static async Task<string> Turnovers(HostProcess host, IReadOnlyList<RegionView> villages) =>
        string.Join(", ", (await Villages(host, villages)).Select(v => $"{v.Id}={v.AnnualTurnover:0.00}"));

    private static string Expected(IReadOnlyList<RegionView> villages, Func<RegionView, decimal> turnover) =>
        string.Join(", ", villages.Select(v => $"{v.Id}={turnover(v):0.00}"));

    private static int Shops(SiloView silo) => silo.Grains.GetValueOrDefault("shop");

    private static SiloView Answering(IReadOnlyList<SiloView> silos) => silos.Single(s => s.Answering);

    private static string Describe(IReadOnlyList<SiloView> silos) =>
        string.Join("; ", silos.Select(s => $"{s.Address} {s.Status} shops={Shops(s)}"));

    private static Task<long> WrittenShops(string database) =>
        Sql.Scalar(database, "SELECT count(*) FROM taobaolive_grain_state WHERE state_name = 'shop' AND (payload ->> 'orders')::int = 1");

    private static Task<long> WrittenVillages(string database) =>
        Sql.Scalar(database, $"SELECT count(*) FROM taobaolive_grain_state WHERE state_name = 'village' AND (SELECT count(*) FROM jsonb_object_keys(payload -> 'shops')) = {ShopsPerVillage}");
}
