using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// A producer that delivers at least once: an exporter numbers its records (Producer-Id, seq),
/// is restarted mid-stream (and the host is killed meanwhile) and re-sends its last 10,000 orders
/// batched differently, with new Idempotency-Keys. Every record counts once; each answer says how
/// many records were duplicates.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProducerResendTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int ShopCount = 50;
    private const string Producer = "exporter-1";

    [Fact]
    public async Task Records_re_sent_in_other_batches_with_new_keys_count_once_across_a_crash()
    {
        var database = await postgres.CreateDatabaseAsync();
        string[] ports = [$"--TaobaoLive:SiloPort={FreePorts.Next()}", $"--TaobaoLive:GatewayPort={FreePorts.Next()}"];
        var paidAt = DateTimeOffset.UtcNow;
        List<ShopRecord> shops;
        string villageId;
        var records = Enumerable.Range(1, 20_000).Select(seq => (Seq: (long)seq, Shop: $"resend-{seq % ShopCount}", Amount: 1m + (seq % 7))).ToList();
        using (var host = new HostProcess(database, ports))
        {
            await host.WaitUntilHealthy();
            var village = (await host.Api.ListRegions("village", limit: 1))[0];
            villageId = village.Id;
            shops = Enumerable.Range(0, ShopCount).Select(s => new ShopRecord($"resend-{s}", village.Path)).ToList();
            Assert.Equal(ShopCount, await host.Api.RegisterShops(shops));
            foreach (var chunk in records.Chunk(500))
            {
                var answer = await Send(host, $"first-{chunk[0].Seq}", chunk, paidAt);
                Assert.Equal((chunk.Length, 0), (answer.Accepted, answer.Duplicates));
            }

            host.Kill();
        }

        using var restarted = new HostProcess(database, ports);
        await restarted.WaitUntilHealthy();
        // The exporter comes back and re-sends its last 10,000 records in batches of 700, new keys.
        var duplicates = 0;
        foreach (var chunk in records.Skip(10_000).Chunk(700))
        {
            var answer = await Send(restarted, $"again-{chunk[0].Seq}", chunk, paidAt);
            Assert.Equal(0, answer.Accepted);
            duplicates += answer.Duplicates;
        }

        Assert.Equal(10_000, duplicates);
        // New records mixed with re-sent ones: only the new count.
        var more = Enumerable.Range(20_001, 1_000).Select(seq => (Seq: (long)seq, Shop: $"resend-{seq % ShopCount}", Amount: 1m + (seq % 7))).ToList();
        var mixed = records.Skip(19_500).Concat(more).ToArray();
        var mixedAnswer = await Send(restarted, "mixed", mixed, paidAt);
        Assert.Equal((1_000, 500), (mixedAnswer.Accepted, mixedAnswer.Duplicates));

        var all = records.Concat(more).ToList();
        foreach (var shop in shops)
        {
            var want = all.Where(r => r.Shop == shop.ShopId).ToList();
            await Eventually.Until(() => restarted.Api.GetShop(shop.ShopId), v => v.Orders == want.Count && v.AnnualTurnover == want.Sum(r => r.Amount), $"{shop.ShopId} counts each record once", TimeSpan.FromSeconds(30));
        }

        await Eventually.Until(() => restarted.Api.GetRegion(villageId), v => v.AnnualTurnover == all.Sum(r => r.Amount), "the village counts each record once", TimeSpan.FromSeconds(30));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count:N0} records, {duplicates:N0} re-sent after a kill and a restart, all answered as duplicates; each shop and the village exact"));
    }

    private static async Task<IngestResult> Send(HostProcess host, string key, IReadOnlyList<(long Seq, string Shop, decimal Amount)> chunk, DateTimeOffset paidAt)
    {
        var body = chunk.Select(r => new { orderId = $"order-{r.Seq}", shopId = r.Shop, amount = r.Amount, paidAt, seq = r.Seq }).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("Producer-Id", Producer);
        using var response = await host.Api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{key}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<IngestResult>(text, TaobaoLiveJson.Options)!;
    }
}
