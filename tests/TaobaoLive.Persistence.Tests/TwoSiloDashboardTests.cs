using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Tests.Infrastructure;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Dashboards fan out across silos: a browser connected to one host receives the status changes
/// made by grains on the other (each host's bridge registers with the one feed grain).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoSiloDashboardTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_dashboard_on_one_silo_receives_a_status_change_made_by_a_village_grain_on_the_other()
    {
        await using var silos = await TwoSilos.StartAsync(postgres);
        var (first, second, management) = (silos.First, silos.Second, silos.Management);

        // Whichever silo the village grain is placed on, the dashboard connects to the other host.
        var geography = first.Services.GetRequiredService<GeographyModel>();
        var village = geography.Villages[10];
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        await RegionGrains.Village(grains, village.Id).GetState();
        var villageSilo = await management.GetActivationAddress(RegionGrains.Village(grains, village.Id));
        var (grainHost, dashboardHost) = villageSilo == SiloOf(first) ? (first, second) : (second, first);
        Assert.Equal(villageSilo, SiloOf(grainHost));
        Assert.NotEqual(villageSilo, SiloOf(dashboardHost));

        await using var dashboard = await LiveClient.Connect(dashboardHost);
        await dashboard.Subscribe("status");
        await dashboard.Subscribe($"region:{village.Id}");

        var shops = Enumerable.Range(0, 100).Select(s => new ShopRecord($"two-silo-{s}", village.Path)).ToList();
        Assert.Equal(100, await grainHost.Api.RegisterShops(shops));
        var orders = shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 100_000.00m, PostgresHost.Start)).ToList();
        Assert.Equal(100, (await grainHost.Api.PostOrders(orders)).Accepted);

        var (change, _) = await dashboard.WaitForStatus("status", c => c.SubjectId == village.Id, "the village's status change on the other silo's dashboard");
        Assert.Equal(("village", "qualified", "none", "taobao-village", village.Path), (change.Level, change.Kind, change.From, change.To, change.Path));
        var (numbers, _) = await dashboard.WaitForRegion($"region:{village.Id}", r => r.Status == "taobao-village", "the village's numbers");
        Assert.Equal((10_000_000.00m, 100), (numbers.AnnualTurnover, numbers.ActiveShops));
        Assert.Equal(villageSilo, await management.GetActivationAddress(RegionGrains.Village(grains, village.Id)));
    }

    [Fact]
    public async Task When_the_feed_grains_silo_stops_a_dashboard_on_the_other_silo_gets_the_next_status_change()
    {
        // Hosts renew every ten minutes here: only the feed grain's stored registrations can reach
        // the remaining host after the grain moves.
        var settings = new Dictionary<string, string?> { ["TaobaoLive:LiveFeedRenewInterval"] = "00:10:00" };
        await using var silos = await TwoSilos.StartAsync(postgres, settings);
        var (first, second) = (silos.First, silos.Second);
        var feed = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        await Eventually.Until(() => feed.GetObserverCount(), n => n == 2, "both hosts registered with the feed");
        var feedSilo = await silos.Management.GetActivationAddress(feed);
        var (leaving, staying) = feedSilo == SiloOf(first) ? (first, second) : (second, first);

        await using var dashboard = await LiveClient.Connect(staying);
        await dashboard.Subscribe("status");
        await leaving.StopAsync();

        var geography = staying.Services.GetRequiredService<GeographyModel>();
        var village = geography.Villages[20];
        var shops = Enumerable.Range(0, 100).Select(s => new ShopRecord($"feed-moves-{s}", village.Path)).ToList();
        Assert.Equal(100, await staying.Api.RegisterShops(shops));
        Assert.Equal(100, (await staying.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 100_000.00m, PostgresHost.Start)).ToList())).Accepted);

        var (change, _) = await dashboard.WaitForStatus("status", c => c.SubjectId == village.Id, "the status change after the feed grain's silo stopped");
        Assert.Equal(("qualified", "taobao-village"), (change.Kind, change.To));
        var management = staying.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        Assert.Equal(SiloOf(staying), await management.GetActivationAddress(feed));
    }

    private static SiloAddress SiloOf(PostgresHost host) => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
