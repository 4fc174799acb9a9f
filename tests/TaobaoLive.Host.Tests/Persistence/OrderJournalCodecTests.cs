using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Tests.Persistence;

public sealed class OrderJournalCodecTests
{
    [Fact]
    public void A_body_decodes_to_exactly_the_parts_encoded()
    {
        var paid = new DateTimeOffset(2026, 11, 11, 0, 0, 1, 234, TimeSpan.FromHours(8));
        IReadOnlyList<(string, IReadOnlyList<ShopOrder>)> parts =
        [
            ("店铺-甲", [new ShopOrder("o-1", 1, paid), new ShopOrder("订单/2", 999_999_99_99, paid.ToOffset(TimeSpan.Zero), OrderKind.Refund)]),
            ("shop-b", [new ShopOrder(new string('x', 300), 12_345, paid.ToOffset(TimeSpan.FromMinutes(-150)))]),
        ];

        var decoded = OrderJournalCodec.Decode(OrderJournalCodec.Encode(parts));

        Assert.Equal(parts.Select(p => p.Item1), decoded.Select(d => d.ShopId));
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(parts[i].Item2, decoded[i].Orders);
            Assert.Equal(parts[i].Item2.Select(o => o.PaidAt.Offset), decoded[i].Orders.Select(o => o.PaidAt.Offset));
        }
    }

    [Fact]
    public void A_body_of_an_unknown_format_is_refused_with_a_message()
    {
        var body = OrderJournalCodec.Encode([("s", [new ShopOrder("o", 1, DateTimeOffset.UnixEpoch)])]);
        body[0] = 99;
        Assert.Contains("format 99", Assert.Throws<InvalidDataException>(() => OrderJournalCodec.Decode(body)).Message);
    }
}
