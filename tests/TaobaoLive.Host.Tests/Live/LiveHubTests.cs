using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Live;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Live;

/// <summary>
/// The push path end to end: orders over HTTP, the grains' status stream, the live feed grain, this
/// host's bridge, the hub, a SignalR client. Each test uses villages of its own town, away from the
/// other tests of the collection.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class LiveHubTests(HostFixture host)
{
    private GeographyModel Geography => host.Services.GetRequiredService<GeographyModel>();

    private TimeSpan PushInterval => host.Services.GetRequiredService<IOptions<PlatformHostOptions>>().Value.LivePushInterval;

    [Fact]
    public async Task A_qualifying_village_is_pushed_to_the_status_topic_and_to_its_ancestors_topics()
    {
        var village = Geography.Resolve("浙江省/温州市/永嘉县/桥下镇").Children[0];
        var county = village.AncestorAt(RegionLevel.County)!;
        await using var everything = await LiveClient.Connect(host);
        await using var countyWatcher = await LiveClient.Connect(host);
        await everything.Subscribe(LiveTopics.Status);
        await countyWatcher.Subscribe(LiveTopics.ForRegion(county.Id));
        await Eventually.Until(() => host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key).GetObserverCount(), n => n == 1, "the host registered with the feed");

        await Qualify(village, "live-status");

        var (pushed, _) = await everything.WaitForStatus(LiveTopics.Status, c => c.SubjectId == village.Id, "village qualified");
        Assert.Equal(
            (village.Id, "village", "village", village.Name, village.Path, "qualified", "none", "taobao-village", HostFixture.Start),
            (pushed.SubjectId, pushed.Subject, pushed.Level, pushed.Name, pushed.Path, pushed.Kind, pushed.From, pushed.To, pushed.EventTime));
        Assert.Empty(pushed.RelatedIds);
        var recorded = Assert.Single(await host.Api.GetEvents(within: village.Path));
        Assert.Equal(recorded.Cause, pushed.Cause);
        Assert.Equal(recorded with { RelatedIds = [] }, pushed with { RelatedIds = [] });

        var (inCounty, _) = await countyWatcher.WaitForStatus(LiveTopics.ForRegion(county.Id), c => c.SubjectId == village.Id, "county topic");
        Assert.Equal(pushed with { RelatedIds = [] }, inCounty with { RelatedIds = [] });
        Assert.DoesNotContain(countyWatcher.Received, m => m.Topic == LiveTopics.Status);
    }

    [Fact]
    public async Task A_region_topic_gets_the_regions_numbers()
    {
        var village = Geography.Resolve("河北省/邢台市/清河县/葛仙庄镇").Children[0];
        var topic = LiveTopics.ForRegion(village.Id);
        await using var dashboard = await LiveClient.Connect(host);
        await dashboard.Subscribe(topic);
        var (initial, _) = await dashboard.WaitForRegion(topic, _ => true, "numbers on joining");
        Assert.Equal((village.Id, "village", village.Path, 0.00m, "none"), (initial.Id, initial.Level, initial.Path, initial.AnnualTurnover, initial.Status));

        var shops = Enumerable.Range(0, 3).Select(s => new ShopRecord($"live-numbers-{s}", village.Path)).ToList();
        await host.Api.RegisterShops(shops);
        await host.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 123.45m, HostFixture.Start)).ToList());

        var (updated, _) = await dashboard.WaitForRegion(topic, r => r.AnnualTurnover == 370.35m, "turnover of three orders");
        Assert.Equal((370.35m, 370.35m, 3, 3), (updated.AnnualTurnover, updated.TodayTurnover, updated.Shops, updated.ActiveShops));
    }

    [Fact]
    public async Task After_unsubscribing_a_client_gets_nothing_while_another_still_does()
    {
        var village = Geography.Resolve("福建省/莆田市/荔城区/新度镇").Children[0];
        var topic = LiveTopics.ForRegion(village.Id);
        await using var leaving = await LiveClient.Connect(host);
        await using var staying = await LiveClient.Connect(host);
        await leaving.Subscribe(topic);
        await staying.Subscribe(topic);
        await leaving.WaitForRegion(topic, _ => true, "numbers on joining (leaving client)");
        await staying.WaitForRegion(topic, _ => true, "numbers on joining (staying client)");

        await leaving.Unsubscribe(topic);
        var before = leaving.Received.Count;
        await Qualify(village, "live-leave");

        await staying.WaitForStatus(topic, c => c.SubjectId == village.Id && c.To == "taobao-village", "qualified, to the client still subscribed");
        await staying.WaitForRegion(topic, r => r.Status == "taobao-village", "qualified numbers, to the client still subscribed");
        Assert.Equal(before, leaving.Received.Count);
    }

    [Fact]
    public async Task A_disconnected_client_no_longer_counts_as_a_subscriber()
    {
        var subscriptions = host.Services.GetRequiredService<LiveSubscriptions>();
        const string Topic = "region:country-cn";
        var before = subscriptions.Subscribers(Topic);
        var dashboard = await LiveClient.Connect(host);
        await dashboard.Subscribe(Topic);
        await dashboard.Subscribe(LiveTopics.Country);
        Assert.Equal(before + 1, subscriptions.Subscribers(Topic));
        var (country, _) = await dashboard.WaitForRegion(LiveTopics.Country, _ => true, "country numbers");
        Assert.Equal((RegionIds.Country, "country"), (country.Id, country.Level));

        await dashboard.DisposeAsync();

        await Eventually.Until(() => Task.FromResult(subscriptions.Subscribers(Topic)), n => n == before, "subscription dropped on disconnect");
        Assert.Equal(0, subscriptions.Subscribers(LiveTopics.Country));
    }

    [Fact]
    public async Task A_forming_cluster_is_pushed_to_the_clusters_topic_and_its_provinces_topic()
    {
        // Ten villages of one county (contiguous by the administrative fallback), RMB 10 million each.
        var villages = Geography.Resolve("福建省/泉州市/晋江市/陈埭镇").Children.Take(10).ToList();
        var province = villages[0].AncestorAt(RegionLevel.Province)!;
        await using var dashboard = await LiveClient.Connect(host);
        await dashboard.Subscribe(LiveTopics.Clusters);
        await dashboard.Subscribe(LiveTopics.ForRegion(province.Id));

        foreach (var (village, v) in villages.Select((village, v) => (village, v)))
        {
            await Qualify(village, $"live-cluster-{v}");
        }

        var (formed, _) = await dashboard.WaitForStatus(LiveTopics.Clusters, c => c.Kind == "cluster-formed", "cluster formed");
        Assert.Equal(("cluster", "cluster", province.Path, "none", "cluster", HostFixture.Start), (formed.Subject, formed.Level, formed.Path, formed.From, formed.To, formed.EventTime));
        var cluster = Assert.Single(await host.Api.GetClusters(), c => c.Id == formed.SubjectId);
        Assert.Equal(villages.Select(v => v.Id).Order(), cluster.Members.Select(m => m.Id).Order());
        await dashboard.WaitForStatus(LiveTopics.ForRegion(province.Id), c => c.SubjectId == formed.SubjectId && c.Kind == "cluster-formed", "province topic");
        Assert.DoesNotContain(dashboard.Received, m => m.Topic == LiveTopics.Clusters && m.Payload is StatusChangeView { Subject: not "cluster" });
    }

    [Theory]
    [InlineData("region:village-000000000000", "no region with id 'village-000000000000': a region topic is region:<id> with an id from /api/regions")]
    [InlineData("weather", "unknown topic 'weather': use country, region:<id>, clusters, status or leaderboard:<board>:<today|annual>")]
    [InlineData("leaderboard:shops:today", "unknown leaderboard topic 'leaderboard:shops:today': use leaderboard:<villages|towns|counties|cities|provinces|clusters>:<today|annual>")]
    [InlineData("region:广东省", "no region with id '广东省': a region topic is region:<id> with an id from /api/regions")]
    public async Task Unknown_topics_are_refused_with_a_reason(string topic, string reason)
    {
        await using var dashboard = await LiveClient.Connect(host);

        var refused = await Assert.ThrowsAsync<HubException>(() => dashboard.Subscribe(topic));

        Assert.EndsWith("HubException: " + reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, dashboard.Connection.State);
    }

    [Fact]
    public async Task A_burst_of_orders_yields_at_most_one_region_update_per_push_interval_the_latest_winning()
    {
        var village = Geography.Resolve("广东省/佛山市/顺德区/乐从镇").Children[0];
        var topic = LiveTopics.ForRegion(village.Id);
        await host.Api.RegisterShops([new ShopRecord("live-burst", village.Path)]);
        await using var dashboard = await LiveClient.Connect(host);
        await dashboard.Subscribe(topic);
        await dashboard.WaitForRegion(topic, _ => true, "numbers on joining");

        const int Posts = 60;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Posts; i++)
        {
            await host.Api.PostOrders([new OrderRecord($"live-burst-{i}", "live-burst", 1.00m, HostFixture.Start)]);
        }

        var (last, lastMessage) = await dashboard.WaitForRegion(topic, r => r.AnnualTurnover == Posts, "all orders counted");
        var elapsed = Stopwatch.GetElapsedTime(started, lastMessage.ReceivedAt);
        var updates = dashboard.Received.Count(m => m.Method == LiveMessages.RegionUpdated && m.ReceivedAt >= started);
        Assert.InRange(updates, 1, (int)(elapsed / PushInterval) + 1);
        Assert.True(updates < Posts, $"{updates} updates for {Posts} posts");
        Assert.Equal(1, last.Shops);
    }

    [Fact]
    public async Task A_leaderboard_topic_is_pushed_the_top_ten_when_it_changes()
    {
        // Counties by annual turnover: a board no other host test asserts, so moving it is harmless.
        const string topic = "leaderboard:counties:annual";
        await using var dashboard = await LiveClient.Connect(host);
        await dashboard.Subscribe(topic);
        await dashboard.WaitFor<List<LeaderboardEntry>>(LiveMessages.LeaderboardUpdated, topic, _ => true, "the board on joining");

        // RMB 297 million, more than any other test sells in one county: this county goes to the top.
        var county = Geography.Resolve("广东省/揭阳市/普宁市");
        var village = Geography.Resolve("广东省/揭阳市/普宁市/军埠镇/大长陇村");
        await host.Api.RegisterShops([new ShopRecord("live-board", village.Path)]);
        await host.Api.PostOrders(Enumerable.Range(0, 3).Select(i => new OrderRecord($"live-board-{i}", "live-board", 99_000_000.00m, HostFixture.Start)).ToList());

        var (entries, _) = await dashboard.WaitFor<List<LeaderboardEntry>>(LiveMessages.LeaderboardUpdated, topic, e => e.Count > 0 && e[0].Id == county.Id, "the county at the top");
        Assert.Equal((1, county.Name, county.Path), (entries[0].Rank, entries[0].Name, entries[0].Path));
        Assert.True(entries[0].AnnualTurnover >= 297_000_000.00m);
        Assert.InRange(entries.Count, 1, 10);
        Assert.Equal(entries, await host.Api.GetLeaderboard("counties", "annual", 10));
    }

    /// <summary>100 shops of RMB 100,000.00 each: RMB 10 million from 100 active shops.</summary>
    private async Task Qualify(Region village, string prefix)
    {
        var shops = Enumerable.Range(0, 100).Select(s => new ShopRecord($"{prefix}-{s}", village.Path)).ToList();
        Assert.Equal(100, await host.Api.RegisterShops(shops));
        var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 100_000.00m, HostFixture.Start)).ToList();
        Assert.Equal(100, (await host.Api.PostOrders(orders)).Accepted);
    }
}
