using System.Text.RegularExpressions;
using TaobaoLive.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// A silo that joins changes the membership; once the cluster has been quiet for 15 s the journal
/// keeper of the recoverer (the active silo with the lowest address) has every region above a
/// registered shop rebuild from its children, with no silo gone and nothing asked of it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SettledRebuildProcessTests(PostgresServer postgres)
{
    private static readonly string[] Settings =
    [
        "--Logging:LogLevel:TaobaoLive.Host.Persistence.Journal.JournalKeeper=Information",
    ];

    [Fact]
    public async Task A_silo_joining_makes_the_regions_rebuild_once_the_cluster_is_quiet_and_they_stay_exact()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var first = new HostProcess(database, Settings);
        await first.WaitUntilHealthy();
        var villages = await first.Api.ListRegions("village", limit: 2);
        var shops = villages.SelectMany(v => Enumerable.Range(0, 5).Select(s => new ShopRecord($"{v.Id}-q{s}", v.Path))).ToList();
        Assert.Equal(shops.Count, await first.Api.RegisterShops(shops));
        var paidAt = DateTimeOffset.UtcNow;
        Assert.Equal(shops.Count, (await first.Api.PostOrders([.. shops.Select(s => new OrderRecord($"{s.ShopId}-o1", s.ShopId, 20.00m, paidAt))], "settled-1")).Accepted);

        using var second = new HostProcess(database, Settings);
        await second.WaitUntilHealthy();
        await Eventually.Until(() => first.Api.GetSilos(), s => s.Count(x => x.Status == "Active") == 2, "two active silos", TimeSpan.FromSeconds(30));
        // The first silo's own start was a change too: only what either logs from the join on counts.
        var firstBefore = first.Output.Length;

        var rebuilt = new Regex($@"once the cluster had been quiet for 15 s, \d+ region\(s\) above the shops of {villages.Count} village\(s\) rebuilt from their children");
        await Eventually.Until(
            () => Task.FromResult(first.Output[firstBefore..] + second.Output),
            rebuilt.IsMatch,
            "the recoverer's journal keeper rebuilt the regions once the cluster had been quiet after the join",
            TimeSpan.FromSeconds(90));
        Assert.False(first.Output.Contains("left with state possibly unwritten", StringComparison.Ordinal) || second.Output.Contains("left with state possibly unwritten", StringComparison.Ordinal), "no silo left, so no recovery ran");

        foreach (var village in villages)
        {
            var view = await second.Api.GetRegion(village.Id);
            Assert.Equal((5, 100.00m), (view.Shops, view.AnnualTurnover));
        }

        Assert.Equal(shops.Count * 20.00m, (await second.Api.GetRegion("country-cn")).AnnualTurnover);
    }
}
