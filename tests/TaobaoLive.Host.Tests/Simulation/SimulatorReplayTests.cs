using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Host.Tests.Infrastructure;
using TaobaoLive.Simulation;
using TaobaoLive.Simulation.World;
using TaobaoLive.Simulator.Runs;
using TaobaoLive.Simulator.Sinks;

namespace TaobaoLive.Host.Tests.Simulation;

/// <summary>
/// The simulator's replay of a small geography, through the HTTP API into a host on the Event clock,
/// reaches the outcome its seed determines.
/// </summary>
[Collection(ReplayHostCollection.Name)]
public sealed class SimulatorReplayTests(ReplayHostFixture host)
{
    private const int Days = 365;

    [Fact]
    public async Task A_village_read_over_the_API_carries_the_coordinates_its_geography_file_gives_for_the_live_map()
    {
        var geography = host.Services.GetRequiredService<GeographyModel>();
        var village = geography.Villages[3];
        Assert.NotNull(village.Latitude);

        var view = await host.Api.GetRegion(village.Id);

        Assert.Equal((village.Latitude, village.Longitude), (view.Latitude, view.Longitude));
        // Above the village there are no coordinates: the map places by county.
        var town = await host.Api.GetRegion(village.Parent!.Id);
        Assert.Equal(((double?)null, (double?)null), (town.Latitude, town.Longitude));
    }

    [Fact]
    public async Task Replaying_a_year_to_Double_11_with_seed_7_reaches_the_known_outcome()
    {
        var geography = host.Services.GetRequiredService<GeographyModel>();
        var world = WorldBuilder.Build(geography, ReplayHostFixture.Seed, WorldBuilder.BuiltInMix);
        var settings = new SimulatorOptions { Seed = ReplayHostFixture.Seed, BatchSize = 2000 };
        var firstDay = BusinessCalendar.DayOf(new DateOnly(2025, 11, 12));

        var summary = await new ReplaySimulation(world, settings, new HttpOrderSink(host.Api)).RunAsync(firstDay, Days, 0, null, CancellationToken.None);

        var lastDay = BusinessCalendar.DateOf(firstDay + Days - 1);
        var platform = await Eventually.Until(() => host.Api.GetPlatform(), p => BusinessCalendar.DayOf(DateOnly.FromDateTime(p.Now.ToOffset(BusinessCalendar.ChinaOffset).DateTime)) == firstDay + Days - 1, "event clock on the last day");
        Assert.Equal("Event", platform.Clock);
        Assert.Equal(lastDay, DateOnly.FromDateTime(platform.Now.ToOffset(BusinessCalendar.ChinaOffset).DateTime));
        // What seed 7 gives (found by running it, checked stable run to run): five of the twelve villages end
        // the year as Taobao villages, so their town qualifies; ten are needed for a cluster.
        var expected = (Villages: 5, Towns: 1, Clusters: 0);
        var country = await Eventually.Until(
            () => host.Api.GetRegion("中国"),
            c => (long)(c.AnnualTurnover * 100) == summary.TurnoverFen && c.Shops == world.Sum(v => v.Shops.Count),
            "every order counted");
        Assert.Equal(Days, summary.Days);
        Assert.Equal(new DateOnly(2026, 11, 11), lastDay);
        Assert.Equal(expected, (country.TaobaoVillages, country.TaobaoTowns, country.Clusters));
    }
}
