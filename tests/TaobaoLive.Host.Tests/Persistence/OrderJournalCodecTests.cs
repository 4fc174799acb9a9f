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
    public void A_body_is_byte_for_byte_what_a_binary_writer_wrote_before()
    {
        // Bodies already in a journal were written with BinaryWriter; the sized encoder must write
        // the same bytes (7-bit length prefixes past one byte, multi-byte UTF-8, offsets below zero).
        var paid = new DateTimeOffset(2026, 11, 11, 23, 59, 59, 999, TimeSpan.FromHours(8));
        IReadOnlyList<(string, IReadOnlyList<ShopOrder>)> parts =
        [
            ("店铺-甲", [new ShopOrder("o-1", 1, paid), new ShopOrder(new string('长', 50_000), 999_999_99_99, paid.ToOffset(TimeSpan.FromMinutes(-570)), OrderKind.Refund)]),
            ("", [new ShopOrder(new string('x', 200), 0, DateTimeOffset.UnixEpoch)]),
        ];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)1);
            writer.Write(parts.Count);
            foreach (var (shopId, orders) in parts)
            {
                writer.Write(shopId);
                writer.Write(orders.Count);
                foreach (var order in orders)
                {
                    writer.Write(order.OrderId);
                    writer.Write(order.AmountFen);
                    writer.Write(order.PaidAt.UtcTicks);
                    writer.Write((short)order.PaidAt.Offset.TotalMinutes);
                    writer.Write((byte)order.Kind);
                }
            }
        }

        Assert.Equal(stream.ToArray(), OrderJournalCodec.Encode(parts));
    }

    [Fact]
    public void Decoding_for_some_shops_skips_the_records_of_the_others()
    {
        var paid = new DateTimeOffset(2026, 11, 11, 0, 0, 1, TimeSpan.FromHours(8));
        IReadOnlyList<(string, IReadOnlyList<ShopOrder>)> parts =
        [
            ("店铺-甲", [new ShopOrder("订单/1", 100, paid), new ShopOrder(new string('长', 200), 200, paid, OrderKind.Refund)]),
            ("shop-b", [new ShopOrder("o-2", 300, paid)]),
            ("shop-c", [new ShopOrder("o-3", 400, paid), new ShopOrder("o-4", 500, paid)]),
        ];
        var body = OrderJournalCodec.Encode(parts);

        var decoded = OrderJournalCodec.Decode(body, new HashSet<string>(["shop-b"]));

        var only = Assert.Single(decoded);
        Assert.Equal("shop-b", only.ShopId);
        Assert.Equal(parts[1].Item2, only.Orders);
        Assert.Equal(["店铺-甲", "shop-c"], OrderJournalCodec.Decode(body, new HashSet<string>(["店铺-甲", "shop-c", "nobody"])).Select(d => d.ShopId));
        Assert.Empty(OrderJournalCodec.Decode(body, new HashSet<string>()));
    }

    [Fact]
    public void A_body_of_an_unknown_format_is_refused_with_a_message()
    {
        var body = OrderJournalCodec.Encode([("s", [new ShopOrder("o", 1, DateTimeOffset.UnixEpoch)])]);
        body[0] = 99;
        Assert.Contains("format 99", Assert.Throws<InvalidDataException>(() => OrderJournalCodec.Decode(body)).Message);
    }

    [Fact]
    public void Wanted_shops_are_found_by_their_characters_with_any_comparer_and_any_id_length()
    {
        var paid = new DateTimeOffset(2026, 11, 11, 0, 0, 1, TimeSpan.FromHours(8));
        var longId = "店" + new string('铺', 150);
        IReadOnlyList<(string, IReadOnlyList<ShopOrder>)> parts =
        [
            (longId, [new ShopOrder("o-1", 100, paid)]),
            ("shop-b", [new ShopOrder("o-2", 300, paid)]),
            ("Shop-C", [new ShopOrder("o-3", 400, paid)]),
        ];
        var body = OrderJournalCodec.Encode(parts);

        // An id longer than the lookup buffer (451 UTF-8 bytes) is made a string and looked up that way.
        var ordinal = new HashSet<string>([longId, "shop-b"], StringComparer.Ordinal);
        var decoded = OrderJournalCodec.Decode(body, ordinal);
        Assert.Equal([longId, "shop-b"], decoded.Select(d => d.ShopId));
        // The set's own string comes back for a wanted id.
        Assert.Same(ordinal.First(x => x == "shop-b"), decoded[1].ShopId);
        // A set whose comparer has no lookup by characters still finds its shops.
        Assert.Equal(["shop-b", "Shop-C"], OrderJournalCodec.Decode(body, new HashSet<string>(["SHOP-B", "shop-c"], StringComparer.OrdinalIgnoreCase)).Select(d => d.ShopId));
    }

    [Fact]
    public void A_body_cut_short_is_refused_with_a_message()
    {
        var body = OrderJournalCodec.Encode([("s", [new ShopOrder("o", 1, DateTimeOffset.UnixEpoch), new ShopOrder("p", 2, DateTimeOffset.UnixEpoch)])]);

        Assert.Contains("ends inside a record", Assert.Throws<InvalidDataException>(() => OrderJournalCodec.Decode(body[..^5])).Message);
        Assert.Contains("ends inside a record", Assert.Throws<InvalidDataException>(() => OrderJournalCodec.Decode(body[..^5], new HashSet<string>())).Message);
    }
}
