using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Client.Contracts;
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

    private static SiloAddress SiloOf(PostgresHost host) => host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
