using System.Text;
using TaobaoLive.Host.Api.Ingest;

namespace TaobaoLive.Host.Tests.Api.Ingest;

public sealed class OrderBatchReaderTests
{
    private const string Held = "shop-一号";

    private static string? Known(ReadOnlySpan<char> id) => id.SequenceEqual(Held) ? Held : null;

    private static OrderBatch Read(string json) => OrderBatchReader.Read(Encoding.UTF8.GetBytes(json), ndjson: false, maxRecords: 100, Known);

    [Fact]
    public void A_known_shop_id_is_the_string_already_held()
    {
        var batch = Read("""[{"orderId":"o1","shopId":"shop-一号","amount":"1.50","paidAt":"2026-11-11T00:00:05+08:00"}]""");

        var order = Assert.Single(batch.Orders);
        Assert.Same(Held, order.ShopId);
        Assert.Equal(150, order.Order.AmountFen);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 5, TimeSpan.FromHours(8)), order.Order.PaidAt);
    }

    [Fact]
    public void Unknown_and_escaped_ids_are_read_as_written()
    {
        var batch = Read("""
            [{"orderId":"o1","shopId":"other","amount":2,"paidAt":"2026-11-11T00:00:05Z"},
             {"orderId":"o2","shopId":"shop-\u4e00\u53f7","amount":3,"paidAt":"2026-11-11T00:00:05Z"}]
            """);

        Assert.Equal(["other", Held], batch.Orders.Select(o => o.ShopId));
        Assert.Empty(batch.Invalid);
    }

    [Fact]
    public void A_shop_id_that_is_not_a_string_is_still_refused()
    {
        var batch = Read("""[{"orderId":"o1","shopId":7,"amount":2,"paidAt":"2026-11-11T00:00:05Z"}]""");

        Assert.Empty(batch.Orders);
        Assert.Equal("shopId must be a string", Assert.Single(batch.Invalid).Message);
    }

    [Fact]
    public void Values_too_long_for_the_stack_copy_are_read_and_reported_whole()
    {
        var longTime = "2026-11-11T00:00:05" + new string('0', 100) + "+08:00";
        var longAmount = new string('1', 100);
        var batch = Read($$"""[{"orderId":"o1","shopId":"x","amount":{{longAmount}},"paidAt":"{{longTime}}"}]""");

        Assert.Empty(batch.Orders);
        Assert.Equal(
            [
                $"amount '{longAmount}' is too large (at most 100000000.00)",
                $"paidAt '{longTime}' must be an ISO 8601 time with an offset, e.g. 2026-11-11T00:00:05+08:00",
            ],
            batch.Invalid.Select(e => e.Message));
    }
}
