using Npgsql;
using TaobaoLive.Client;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Two host processes share PostgreSQL; one is killed with SIGKILL after its state was written.
/// The survivor declares it dead, reactivates its grains from the store and keeps answering.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloCrashTests(PostgresServer postgres)
{
    // Short probes so the dead silo is declared within seconds; a 1-second persist interval bounds
    // what a crash can lose, and the test waits for the rows before killing.
    private static readonly string[] Settings =
    [
        "--TaobaoLive:MembershipProbeTimeout=00:00:01",
        "--TaobaoLive:MembershipMissedProbesLimit=2",
        "--TaobaoLive:PersistInterval=00:00:01",
        "--TaobaoLive:FlushInterval=00:00:00.050",
    ];

    [Fact]
    public async Task A_silo_killed_abruptly_is_replaced_by_the_survivor_from_persisted_state()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var ingest = new HostProcess(database, Settings);
        using var survivor = new HostProcess(database, Settings);
        await Task.WhenAll(ingest.WaitUntilHealthy(), survivor.WaitUntilHealthy());
        await Eventually.Until(() => ActiveSilos(database), n => n == 2, "two active silos", TimeSpan.FromSeconds(30));

        var village = (await survivor.Api.ListRegions("village", limit: 1))[0];
        var paidAt = DateTimeOffset.UtcNow;
        // Thirty shops plus their village and regions: placement puts some of them on the silo that dies.
        var shops = Enumerable.Range(0, 30).Select(s => new ShopRecord($"k-{s}", village.Path)).ToList();
        Assert.Equal(30, await ingest.Api.RegisterShops(shops));
        Assert.Equal(30, (await ingest.Api.PostOrders(shops.Select(s => new OrderRecord($"{s.ShopId}-o", s.ShopId, 10.00m, paidAt)).ToList())).Accepted);

        var before = await Eventually.Until(() => survivor.Api.GetRegion(village.Id), v => v.Shops == 30 && v.AnnualTurnover == 300.00m, "village read through the survivor");
        await Eventually.Until(() => WrittenShops(database), n => n == 30, "every shop written", TimeSpan.FromSeconds(30));
        await Eventually.Until(() => VillageWritten(database, village.Id), written => written, "village written with all its shops", TimeSpan.FromSeconds(30));

        ingest.Kill();

        await Eventually.Until(() => ActiveSilos(database), n => n == 1, "killed silo declared dead", TimeSpan.FromSeconds(60));
        var after = await Eventually.Until(() => TryRead(() => survivor.Api.GetRegion(village.Id)), v => v is not null, "survivor answers for the village", TimeSpan.FromSeconds(60));
        Assert.Equal(before with { AsOf = default }, after! with { AsOf = default });
        foreach (var shop in shops)
        {
            var view = await survivor.Api.GetShop(shop.ShopId);
            Assert.Equal((10.00m, 1L), (view.AnnualTurnover, view.Orders));
        }
    }

    private static async Task<T?> TryRead<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaobaoLiveApiException or TaskCanceledException)
        {
            // The survivor may still be routing to the dead silo until membership settles.
            return null;
        }
    }

    private static Task<long> ActiveSilos(string database) =>
        Scalar<long>(database, "SELECT count(*) FROM taobaolive_membership WHERE status = 3");

    private static Task<long> WrittenShops(string database) =>
        Scalar<long>(database, "SELECT count(*) FROM taobaolive_grain_state WHERE state_name = 'shop' AND (payload ->> 'orders')::int = 1");

    private static Task<bool> VillageWritten(string database, string villageId) =>
        Scalar<bool>(database, "SELECT EXISTS (SELECT 1 FROM taobaolive_grain_state WHERE state_name = 'village' AND key_text = @id AND (SELECT count(*) FROM jsonb_object_keys(payload -> 'shops')) = 30)", villageId);

    private static async Task<T> Scalar<T>(string database, string sql, string? id = null)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
