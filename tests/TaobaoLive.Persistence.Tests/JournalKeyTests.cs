using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Persistence.Journal;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// A keyed batch is committed only with its key's answer: two attempts of one request (the second
/// let in because the first held the key past its lease) cannot both commit their batch, whether
/// the first committed long before or both commit in the same group.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JournalKeyTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_batch_whose_key_already_has_a_committed_answer_is_kept_out_of_the_journal()
    {
        var database = await postgres.CreateDatabaseAsync();
        var host = new PostgresHost(database, new Dictionary<string, string?> { ["TaobaoLive:PersistInterval"] = "01:00:00" });
        try
        {
            var village = host.Services.GetRequiredService<GeographyModel>().AtLevel(Abstractions.Regions.RegionLevel.Village).First();
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("key-1", village.Path)]));
            var journal = host.Services.GetRequiredService<OrderJournal>();
            var body = OrderJournalCodec.Encode([("key-1", [new ShopOrder("key-1-o", 100_00, PostgresHost.Start)])]);
            var answer = new IdempotencyAnswer("orders:test:k1", "hash-1", 200, """{"accepted":1}""");

            Assert.NotNull(await journal.AppendAsync(body, 1, answer));
            // A second attempt of the same request: nothing of it is committed, the first answer stays.
            Assert.Null(await journal.AppendAsync(body, 1, answer with { Body = """{"accepted":2}""" }));
            Assert.Equal(1, await Sql.Scalar(database, """SELECT count(*) FROM taobaolive_idempotency WHERE key = 'orders:test:k1' AND body = '{"accepted":1}'"""));

            // Eight attempts of another key at once (in one group commit or several): one goes in.
            var other = new IdempotencyAnswer("orders:test:k2", "hash-2", 200, "{}");
            var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => journal.AppendAsync(body, 1, other)));
            Assert.Single(attempts, position => position is not null);

            // Unkeyed entries always go in, each one.
            Assert.NotNull(await journal.AppendAsync(body, 1, null));
            Assert.NotNull(await journal.AppendAsync(body, 1, null));
            Assert.Equal(4, await Sql.Scalar(database, $"SELECT count(*) FROM taobaolive_journal WHERE writer = {journal.Writer}"));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
