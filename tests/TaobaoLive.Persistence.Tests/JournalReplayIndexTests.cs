using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Persistence.Journal;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// The journal as a shop coming back from a crash reads it: each read shows the journal as it stands
/// (entries deleted since an earlier read are gone, entries committed since are there), and each
/// part carries when its entry was first applied, which a replaying shop's checkpoint mark goes back
/// to (see <c>SecondCrashTests</c>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalReplayIndexTests(PostgresServer postgres)
{
    private const string ShopId = "index-1";

    [Fact]
    public async Task Each_read_shows_the_journal_as_it_stands_whatever_earlier_reads_decoded()
    {
        var database = await postgres.CreateDatabaseAsync();
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "01:00:00" });
        try
        {
            var village = host.Services.GetRequiredService<GeographyModel>().AtLevel(Abstractions.Regions.RegionLevel.Village).First();
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord(ShopId, village.Path)]));
            await Post(host, "index-a", 100m);
            await Post(host, "index-b", 200m);
            var index = host.Services.GetRequiredService<JournalReplayIndex>();

            Assert.Equal([100m, 200m], await Amounts(index));
            // Marked applied by the keeper (within a round or two): the parts say when.
            var applied = await Eventually.Until(() => index.PartsFor(ShopId, CancellationToken.None), parts => parts.All(p => p.AppliedAt is not null), "both entries marked applied", TimeSpan.FromSeconds(30));
            Assert.All(applied, p => Assert.InRange(p.AppliedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));

            // The first entry deleted (as truncation would): the next read no longer lists it.
            Assert.Equal(1, await Sql.Execute(database, "DELETE FROM taobaolive_journal WHERE seq = (SELECT min(seq) FROM taobaolive_journal)"));
            Assert.Equal([200m], await Amounts(index));

            // A new entry committed: the next read lists it beside the one decoded before.
            await Post(host, "index-c", 300m);
            Assert.Equal([200m, 300m], await Amounts(index));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task Post(PostgresHost host, string id, decimal amount) =>
        Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord(id, ShopId, amount, PostgresHost.Start)], id)).Accepted);

    private static async Task<decimal[]> Amounts(JournalReplayIndex index) =>
        [.. (await index.PartsFor(ShopId, CancellationToken.None)).SelectMany(p => p.Orders).Select(o => o.AmountFen / 100m)];
}
