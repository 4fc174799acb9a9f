using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Geography;
using TaobaoLive.Simulator.Runs;

namespace TaobaoLive.Host.Tests.Simulation;

/// <summary>
/// <c>taobaolive-sim bench</c> against a host on a real port (its status probe opens a SignalR
/// connection of its own), run twice against the same host as an operator comparing settings would.
/// </summary>
public sealed class BenchRunTests
{
    [Fact]
    public async Task A_second_bench_against_the_same_host_measures_status_pushes_again()
    {
        await using var host = new LoopbackHost();
        host.Listen();
        var geography = host.Services.GetRequiredService<GeographyModel>();

        var first = await Bench(host, geography);
        var second = await Bench(host, geography);

        // The first run left the probe's village one fen below the threshold; the second finds it
        // there instead of seeding it again (which put it over the threshold: no order of the probe
        // changed its status, and the bench died waiting for the first push).
        Assert.All(new[] { first, second }, r => Assert.True(r.Accepted > 0 && r.PushSamples > 0 && r.PushMissed == 0, $"{r.Accepted} accepted, {r.PushSamples} pushes, {r.PushMissed} missed"));
        var village = await host.Api.GetRegion(geography.Villages[^2].Id);
        Assert.Equal((9_999_999.99m, "none"), (village.AnnualTurnover, village.Status));
    }

    [Fact]
    public async Task A_probe_village_holding_other_turnover_is_named_instead_of_a_timeout()
    {
        await using var host = new LoopbackHost();
        host.Listen();
        var geography = host.Services.GetRequiredService<GeographyModel>();
        var village = geography.Villages[^2];
        await host.Api.RegisterShops([new("other-shop", village.Id, "not the probe's")]);
        await host.Api.PostOrders([new("other-order", "other-shop", 5m, DateTimeOffset.UtcNow)]);
        await Eventually.Until(() => host.Api.GetRegion(village.Id), v => v.AnnualTurnover == 5m, "the village holds the order");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Bench(host, geography));

        Assert.Contains($"village {village.Id} holds RMB 5.00", refused.Message);
    }

    private static Task<BenchResult> Bench(LoopbackHost host, GeographyModel geography) =>
        new BenchRun(host.BaseAddress, null, geography, shops: 60, TimeSpan.FromSeconds(1), connections: 1, batchSize: 50, seed: 3, TextWriter.Null).RunAsync(CancellationToken.None);
}
