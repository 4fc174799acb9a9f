using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Every state a shop writes holds its day turnover, its order count and its journal marks as of one
/// moment. Orleans' storage bridge serializes the state a scheduler turn after the write is asked
/// for, and the shop's next call can run in between; a write that set the day buckets before that
/// turn and let the call add to the counters and marks after it stored marks for orders whose
/// turnover it lacked, and a crash then skipped them on replay (the long crash run: 3 shops, their
/// villages and the country short, with every order counted).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConsistentWriteTests(PostgresServer postgres)
{
    private const string ShopId = "consistent-1";

    [Fact]
    public async Task Every_written_state_of_a_shop_under_load_has_the_turnover_of_its_counted_orders()
    {
        var database = await postgres.CreateDatabaseAsync();
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "00:00:01" });
        try
        {
            var village = host.Services.GetRequiredService<GeographyModel>().AtLevel(Abstractions.Regions.RegionLevel.Village).First();
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord(ShopId, village.Path)]));
            // Every write of the shop's row, as the row stood: its order count and its turnover in fen.
            await Sql.Execute(database, """
                CREATE TABLE shop_writes (orders bigint NOT NULL, fen bigint NOT NULL);
                CREATE FUNCTION audit_shop_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.state_name = 'shop' THEN
                        INSERT INTO shop_writes SELECT (NEW.payload ->> 'orders')::bigint,
                            coalesce((SELECT sum((d ->> 'fen')::bigint) FROM jsonb_array_elements(NEW.payload -> 'days') d), 0);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER audit_shop_write AFTER INSERT OR UPDATE ON taobaolive_grain_state
                    FOR EACH ROW EXECUTE FUNCTION audit_shop_write();
                """);

            // Eight posters keep calls queued at the shop while its timed writes (one a second) run.
            using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var posted = 0;
            var posters = Enumerable.Range(0, 8).Select(poster => Task.Run(async () =>
            {
                var batch = 0;
                while (!enough.IsCancellationRequested)
                {
                    var orders = Enumerable.Range(0, 10).Select(i => new OrderRecord($"{ShopId}-{poster}-{batch}-{i}", ShopId, 1.00m, PostgresHost.Start)).ToList();
                    Assert.Equal(10, (await host.Api.PostOrders(orders, $"consistent-{poster}-{batch}")).Accepted);
                    Interlocked.Add(ref posted, 10);
                    batch++;
                }
            })).ToList();
            await Eventually.Until(() => Sql.Scalar(database, "SELECT count(*) FROM shop_writes WHERE orders > 0"), n => n >= 25, "twenty-five timed writes under load", TimeSpan.FromSeconds(50));
            await enough.CancelAsync();
            await Task.WhenAll(posters);

            var torn = await Sql.Scalar(database, "SELECT count(*) FROM shop_writes WHERE fen <> orders * 100");
            var writes = await Sql.Scalar(database, "SELECT count(*) FROM shop_writes");
            Assert.True(torn == 0, $"{torn} of {writes} writes stored an order count whose turnover they did not hold");
            Assert.Equal(posted, (await host.Api.GetShop(ShopId)).Orders);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
