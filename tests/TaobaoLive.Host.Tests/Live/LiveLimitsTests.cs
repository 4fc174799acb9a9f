using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Live;
using TaobaoLive.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TaobaoLive.Host.Tests.Live;

/// <summary>What one dashboard client may not do to the others, on a host of its own (<see cref="LiveHostFixture"/>).</summary>
[Collection(LiveHostCollection.Name)]
public sealed class LiveLimitsTests(LiveHostFixture host, ITestOutputHelper output)
{
    private GeographyModel Geography => host.Services.GetRequiredService<GeographyModel>();

    private LiveRefusals Refusals => host.Services.GetRequiredService<LiveRefusals>();

    /// <summary>A dashboard, once the other tests' connections are gone (every test client is one address: three at most).</summary>
    private async Task<LiveClient> Connect()
    {
        var outbox = host.Services.GetRequiredService<LiveOutbox>();
        await Eventually.Until(() => Task.FromResult(outbox.Connections), n => n == 0, "no other test's connections left");
        return await LiveClient.Connect(host);
    }

    [Fact]
    public async Task A_dashboard_that_never_reads_is_dropped_and_does_not_slow_another_dashboards_updates()
    {
        // Sixty villages, one shop each, all outside the other tests' regions.
        var villages = Geography.Villages.Where(v => v.Path.StartsWith("广东省", StringComparison.Ordinal)).Take(60).ToList();
        var shops = villages.Select((v, i) => new ShopRecord($"slow-reader-{i}", v.Id)).ToList();
        Assert.Equal(60, await host.Api.RegisterShops(shops));

        await using var healthy = await Connect();
        await healthy.Subscribe(LiveTopics.Country);
        var (start, _) = await healthy.WaitForRegion(LiveTopics.Country, _ => true, "first country numbers");

        // The dead reader: a long-polling connection that subscribes and never polls again, so
        // everything sent to it stays in its transport buffer.
        using var dead = host.CreateClient();
        var token = await DeadReader(dead, villages.Select(v => LiveTopics.ForRegion(v.Id)).Append(LiveTopics.Status).Append(LiveTopics.Country).ToList());
        var dropsBefore = Refusals.Total(LiveOutbox.SlowReader);

        var expected = start.TodayTurnover;
        var latencies = new List<TimeSpan>();
        var watch = Stopwatch.StartNew();
        for (var round = 1; round <= 12; round++)
        {
            var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-{round}", s.ShopId, 1_000.00m, LiveHostFixture.Start.AddMinutes(-1))).ToList();
            var sent = Stopwatch.GetTimestamp();
            Assert.Equal(60, (await host.Api.PostOrders(orders)).Accepted);
            expected += 60_000.00m;
            var target = expected;
            await healthy.WaitForRegion(LiveTopics.Country, r => r.TodayTurnover == target, $"round {round}: country at {target}");
            latencies.Add(Stopwatch.GetElapsedTime(sent));
        }

        var rate = 12 / watch.Elapsed.TotalSeconds;
        output.WriteLine($"order to the healthy dashboard's update, 12 rounds beside a dead reader: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0}"))} ms; {rate:0.0} rounds/s");
        await Eventually.Until(() => Task.FromResult(Refusals.Total(LiveOutbox.SlowReader)), n => n == dropsBefore + 1, "the dead reader dropped");
        // Pushes every 100 ms and an upward flush every 50 ms: an update takes well under a second
        // when nothing holds the bridge (2.4 s seen with the machine loaded by several builds); a
        // bridge waiting on the dead reader stalls until SignalR gives its connection up (a send
        // times out after 10 s, an unpolled long-polling connection after 15 s), so 8 s tells the two
        // apart without timing noise.
        Assert.True(latencies.Max() < TimeSpan.FromSeconds(8), $"order to update: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))}; {rate:0.0} rounds/s");
        Assert.Contains(host.Logs.Lines, l => l.Text.Contains($"Live hub refused ({LiveOutbox.SlowReader})", StringComparison.Ordinal) && l.Text.Contains(token, StringComparison.Ordinal) is false);
    }

    [Fact]
    public async Task Refused_subscriptions_answer_the_client_and_are_logged_counted_without_stack_traces()
    {
        await using var dashboard = await Connect();
        var before = Refusals.Total(LiveHub.BadTopic);
        var linesBefore = host.Logs.Lines.Count;
        for (var i = 0; i < 50; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => dashboard.Subscribe($"weather-{i}"));
            Assert.EndsWith($"HubException: unknown topic 'weather-{i}': use country, region:<id>, clusters, status or leaderboard:<board>:<today|annual>", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before + 50, Refusals.Total(LiveHub.BadTopic));
        var logged = host.Logs.Lines.Skip(linesBefore).ToList();
        Assert.True(logged.Count(l => l.Text.Contains("Live hub refused", StringComparison.Ordinal)) <= 1, string.Join("\n", logged.Select(l => l.Text)));
        Assert.DoesNotContain(logged, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(logged, l => l.Text.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_follows_at_most_the_configured_number_of_topics()
    {
        await using var dashboard = await Connect();
        var villages = Geography.Villages.Where(v => v.Path.StartsWith("福建省", StringComparison.Ordinal)).Take(65).ToList();
        foreach (var village in villages.Take(64))
        {
            await dashboard.Subscribe(LiveTopics.ForRegion(village.Id));
        }

        await dashboard.Subscribe(LiveTopics.ForRegion(villages[0].Id));
        var refused = await Assert.ThrowsAsync<HubException>(() => dashboard.Subscribe(LiveTopics.ForRegion(villages[64].Id)));
        Assert.EndsWith("a connection follows at most 64 topics; unsubscribe from one first", refused.Message, StringComparison.Ordinal);
        await dashboard.Unsubscribe(LiveTopics.ForRegion(villages[0].Id));
        await dashboard.Subscribe(LiveTopics.ForRegion(villages[64].Id));
    }

    [Fact]
    public async Task A_client_over_its_connection_cap_is_closed_and_the_others_stay()
    {
        var kept = new List<LiveClient> { await Connect() };
        try
        {
            for (var i = 0; i < 2; i++)
            {
                kept.Add(await LiveClient.Connect(host));
            }

            var before = Refusals.Total(LiveOutbox.TooManyConnections);
            await using var fourth = await LiveClient.Connect(host);
            await Eventually.Until(() => Task.FromResult(fourth.Connection.State), s => s == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected, "the fourth connection closed");
            Assert.Equal(before + 1, Refusals.Total(LiveOutbox.TooManyConnections));
            Assert.All(kept, k => Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, k.Connection.State));
            await kept[0].Subscribe(LiveTopics.Country);
        }
        finally
        {
            foreach (var client in kept)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData(LiveHostFixture.AllowedOrigin, HttpStatusCode.OK)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    public async Task Only_the_hosts_own_origin_and_allowed_origins_may_open_a_hub_connection(string origin, HttpStatusCode expected)
    {
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.StartsWith($"pages from {origin} may not connect", HttpExtensions.Errors(await response.Content.ReadAsStringAsync()).Single().Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Negotiates, starts (the first poll), shakes hands and subscribes over long polling, then stops polling.</summary>
    private static async Task<string> DeadReader(HttpClient http, IReadOnlyList<string> topics)
    {
        using var negotiated = await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString()!;
        var path = $"/hubs/live?id={Uri.EscapeDataString(token)}";
        using (var first = await http.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var frames = new StringBuilder("{\"protocol\":\"json\",\"version\":1}\u001e");
        foreach (var topic in topics)
        {
            frames.Append(JsonSerializer.Serialize(new { type = 1, target = "Subscribe", arguments = new[] { topic } })).Append('\u001e');
        }

        using var sent = await http.PostAsync(path, new StringContent(frames.ToString(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return token;
    }
}
