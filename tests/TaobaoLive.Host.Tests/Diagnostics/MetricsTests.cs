using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Diagnostics;

/// <summary>
/// Its own host, run alone: the OpenTelemetry SDK listens to meters by name in the whole process, so
/// another host posting orders at the same time would move the same counters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "metrics host";
}

/// <summary>The Prometheus scrape at /metrics: the TaobaoLive meter moves by exactly what was posted; Orleans' meter is there.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsTests(HostFixture host) : IAsyncLifetime
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/交丙坛村";
    private const string Shop = "metrics-shop";

    public async Task InitializeAsync() => await host.Api.RegisterShops([new ShopRecord(Shop, Village, "指标店")]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ingest_counters_move_by_exactly_what_was_posted()
    {
        var before = await Scrape();

        var plain = await host.Http.PostRaw("api/orders", Batch(("m1", "\"10.00\""), ("m2", "\"20.00\""), ("m3", "\"30.00\"")));
        var keyed = await host.Http.PostRaw("api/orders", Batch(("m4", "\"1.00\""), ("m5", "\"2.00\"")), idempotencyKey: "metrics-1");
        var replay = await host.Http.PostRaw("api/orders", Batch(("m4", "\"1.00\""), ("m5", "\"2.00\"")), idempotencyKey: "metrics-1");
        var invalid = await host.Http.PostRaw("api/orders", Batch(("m6", "\"1.234\""), ("m7", "\"5.00\""), ("m8", "\"-1\"")));
        var malformed = await host.Http.PostRaw("api/orders", "[{\"orderId\":");
        var produced = await PostProduced("metrics-producer", ("m9", 1), ("m10", 2));
        var resent = await PostProduced("metrics-producer", ("m9", 1), ("m10", 2), ("m11", 3));
        var after = await Scrape();

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { plain.Status, keyed.Status, replay.Status, invalid.Status, malformed.Status, produced, resent });
        Assert.Equal(8, Delta(before, after, "taobaolive_orders_accepted_total"));
        Assert.Equal(8, Delta(before, after, "taobaolive_orders_applied_total"));
        Assert.Equal(2, Delta(before, after, "taobaolive_orders_duplicates_total"));
        Assert.Equal(2, Delta(before, after, "taobaolive_orders_rejected_total", "reason", "amount"));
        Assert.Equal(1, Delta(before, after, "taobaolive_orders_rejected_total", "reason", "malformed"));
        Assert.Equal(3, Delta(before, after, "taobaolive_orders_rejected_total"));
        Assert.Equal(5, Delta(before, after, "taobaolive_ingest_batches_total", "http_response_status_code", "200"));
        Assert.Equal(1, Delta(before, after, "taobaolive_ingest_batches_total", "http_response_status_code", "422"));
        Assert.Equal(1, Delta(before, after, "taobaolive_ingest_batches_total", "http_response_status_code", "400"));
        Assert.Equal(7, Delta(before, after, "taobaolive_ingest_batch_duration_seconds_count"));
    }

    [Fact]
    public async Task The_scrape_carries_Orleans_and_the_platform_gauges()
    {
        var metrics = await Scrape();

        Assert.Contains(metrics, m => m.Name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.Name == "taobaolive_outbox_backlog");
        Assert.Contains(metrics, m => m.Name == "http_server_request_duration_seconds_count");
    }

    private async Task<HttpStatusCode> PostProduced(string producer, params (string Id, int Seq)[] orders)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = new StringContent(
                "[" + string.Join(",", orders.Select(o => $"{{\"orderId\":\"{o.Id}\",\"shopId\":\"{Shop}\",\"amount\":\"1.00\",\"paidAt\":\"{HostFixture.Start:yyyy-MM-ddTHH:mm:sszzz}\",\"seq\":{o.Seq}}}")) + "]",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("Producer-Id", producer);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Batch(params (string Id, string Amount)[] orders) =>
        "[" + string.Join(",", orders.Select(o => $"{{\"orderId\":\"{o.Id}\",\"shopId\":\"{Shop}\",\"amount\":{o.Amount},\"paidAt\":\"{HostFixture.Start:yyyy-MM-ddTHH:mm:sszzz}\"}}")) + "]";

    private async Task<IReadOnlyList<Sample>> Scrape()
    {
        using var response = await host.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var samples = new List<Sample>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (SampleLine().Match(line) is { Success: true } match)
            {
                var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
                samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return samples;
    }

    private static double Sum(IReadOnlyList<Sample> samples, string name, string? label, string? value) =>
        samples.Where(s => s.Name == name && (label is null || s.Labels.GetValueOrDefault(label) == value)).Sum(s => s.Value);

    private static double Delta(IReadOnlyList<Sample> before, IReadOnlyList<Sample> after, string name, string? label = null, string? value = null) =>
        Sum(after, name, label, value) - Sum(before, name, label, value);

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
