using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// PostgreSQL goes away for 20 seconds while a producer posts keyed batches (the host reaches the
/// database through a <see cref="TcpGate"/> the test closes). Ingest must answer 503 with
/// Retry-After within a few seconds (no hang, no 500), reads must keep answering, ingest must come
/// back by itself when the database does, and after every unanswered batch is retried with its key
/// every shop holds exactly what was posted.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int ShopCount = 40;
    private const int RetryBuffer = 100;

    [Fact]
    public async Task Ingest_answers_503_while_the_database_is_down_reads_go_on_and_nothing_is_lost()
    {
        var database = await postgres.CreateDatabaseAsync();
        var server = new NpgsqlConnectionStringBuilder(database);
        await using var gate = new TcpGate(server.Host!, server.Port);
        var throughGate = new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = gate.Port }.ConnectionString;
        using var host = new HostProcess(throughGate);
        await host.WaitUntilHealthy();
        var village = (await host.Api.ListRegions("village", limit: 1))[0];
        var shops = Enumerable.Range(0, ShopCount).Select(s => new ShopRecord($"outage-{s}", village.Path)).ToList();
        Assert.Equal(ShopCount, await host.Api.RegisterShops(shops));

        var batches = new List<(string Key, List<OrderRecord> Orders)>();
        // Batches answered 503 and not yet accepted, oldest first. Like a producer with a bounded
        // retry buffer, it retries the oldest before it makes a new batch once the buffer is full
        // (posting a new batch after every 503 left thousands to retry after the outage).
        var unanswered = new Queue<(string Key, List<OrderRecord> Orders)>();
        var refused = 0;
        var unexpected = new List<string>();
        var answers = new List<(TimeSpan At, HttpStatusCode Status, bool RetryAfter)>();
        var clock = Stopwatch.StartNew();
        TimeSpan? closedAt = null, openedAt = null;
        var round = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (closedAt is null && clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                gate.Close();
                closedAt = clock.Elapsed;
            }

            if (closedAt is { } closed && openedAt is null && clock.Elapsed > closed + TimeSpan.FromSeconds(20))
            {
                gate.Open();
                openedAt = clock.Elapsed;
            }

            if (openedAt is { } opened && clock.Elapsed > opened + TimeSpan.FromSeconds(5) && answers.Count(a => a.At > opened && a.Status == HttpStatusCode.OK) >= 3)
            {
                break;
            }

            (string Key, List<OrderRecord> Orders) batch;
            if (unanswered.Count >= RetryBuffer)
            {
                batch = unanswered.Dequeue();
            }
            else
            {
                var key = $"outage-{++round}";
                batch = (key, shops.Select(s => new OrderRecord($"{key}-{s.ShopId}", s.ShopId, round, DateTimeOffset.UtcNow)).ToList());
                batches.Add(batch);
            }

            var status = await Post(host, batch.Key, batch.Orders);
            answers.Add((clock.Elapsed, status.Status, status.RetryAfter));
            if (status.Status != HttpStatusCode.OK)
            {
                refused++;
                unanswered.Enqueue(batch);
                if (status.Status != HttpStatusCode.ServiceUnavailable || !status.RetryAfter)
                {
                    unexpected.Add($"{batch.Key}: {(int)status.Status} retry-after={status.RetryAfter}");
                }

                // Reads answer while the database is away.
                var shop = await host.Api.GetShop(shops[0].ShopId);
                Assert.Equal(shops[0].ShopId, shop.ShopId);
            }
        }

        Assert.NotNull(closedAt);
        Assert.NotNull(openedAt);
        Assert.Empty(unexpected);
        var first503 = answers.First(a => a.At > closedAt && a.Status == HttpStatusCode.ServiceUnavailable).At - closedAt!.Value;
        Assert.True(first503 < TimeSpan.FromSeconds(10), $"first 503 came {first503.TotalSeconds:0.0} s after the database went away");
        var firstBack = answers.First(a => a.At > openedAt && a.Status == HttpStatusCode.OK).At - openedAt!.Value;
        Assert.True(firstBack < TimeSpan.FromSeconds(30), $"ingest came back {firstBack.TotalSeconds:0.0} s after the database did");
        var longest = answers.Zip(answers.Skip(1), (a, b) => b.At - a.At).Max();
        Assert.True(longest < TimeSpan.FromSeconds(15), $"a request took {longest.TotalSeconds:0.0} s to answer");

        // What is still unanswered is retried the way a producer with several connections would,
        // eight at a time.
        await Parallel.ForEachAsync(unanswered, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, _) =>
            await Eventually.Until(() => Post(host, batch.Key, batch.Orders), s => s.Status == HttpStatusCode.OK, $"{batch.Key} accepted on retry", TimeSpan.FromSeconds(60)));

        foreach (var shop in shops)
        {
            var want = batches.Sum(b => b.Orders.Single(o => o.ShopId == shop.ShopId).Amount);
            await Eventually.Until(() => host.Api.GetShop(shop.ShopId), v => v.AnnualTurnover == want && v.Orders == batches.Count, $"{shop.ShopId} holds all {batches.Count} batches ({want:0.00})", TimeSpan.FromSeconds(30));
        }

        await Eventually.Until(() => host.Api.GetRegion(village.Id), v => v.AnnualTurnover == batches.Sum(b => b.Orders.Sum(o => o.Amount)), "the village equals its shops", TimeSpan.FromSeconds(30));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{batches.Count} batches; database away {(openedAt - closedAt)!.Value.TotalSeconds:0.0} s; first 503 {first503.TotalSeconds:0.00} s after it went, ingest back {firstBack.TotalSeconds:0.00} s after it came back; " +
            $"{refused} answers 503 (retried from a buffer of {RetryBuffer}), {unanswered.Count} batches still unanswered at the end and retried; longest answer {longest.TotalSeconds:0.00} s; every shop exact"));
    }

    private static async Task<(HttpStatusCode Status, bool RetryAfter)> Post(HostProcess host, string key, List<OrderRecord> orders)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(orders, options: TaobaoLiveJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await host.Api.Http.SendAsync(request);
        return (response.StatusCode, response.Headers.RetryAfter is not null);
    }
}
