using System.Text;
using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// A journal entry's body: the batch's records grouped by shop, binary (about 40 bytes an order;
/// the JSON it came in is two to three times that). Little-endian: shop count, then per shop its
/// id, record count and records (order id, fen, paidAt as UTC ticks and offset minutes, kind).
/// Strings are length-prefixed UTF-8 (<see cref="BinaryWriter.Write(string)"/>).
/// </summary>
public static class OrderJournalCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<(string ShopId, IReadOnlyList<ShopOrder> Orders)> parts)
    {
        using var stream = new MemoryStream(64 + (parts.Count * 48));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(parts.Count);
            foreach (var (shopId, orders) in parts)
            {
                writer.Write(shopId);
                writer.Write(orders.Count);
                for (var i = 0; i < orders.Count; i++)
                {
                    var order = orders[i];
                    writer.Write(order.OrderId);
                    writer.Write(order.AmountFen);
                    writer.Write(order.PaidAt.UtcTicks);
                    writer.Write((short)order.PaidAt.Offset.TotalMinutes);
                    writer.Write((byte)order.Kind);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The body's parts; with <paramref name="wanted"/>, only those of the shops in it (the records of
    /// the others are skipped without being materialised).
    /// </summary>
    public static List<(string ShopId, ShopOrder[] Orders)> Decode(byte[] body, IReadOnlySet<string>? wanted = null)
    {
        using var reader = new BinaryReader(new MemoryStream(body, writable: false), Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"journal entry format {version} is not known to this build (it reads {Version})");
        }

        var shops = reader.ReadInt32();
        var parts = new List<(string, ShopOrder[])>(shops);
        for (var s = 0; s < shops; s++)
        {
            var shopId = reader.ReadString();
            var count = reader.ReadInt32();
            if (wanted is not null && !wanted.Contains(shopId))
            {
                for (var i = 0; i < count; i++)
                {
                    // The order id (length-prefixed), then fen, ticks, offset and kind: 8 + 8 + 2 + 1 bytes.
                    reader.BaseStream.Seek(reader.Read7BitEncodedInt() + 19, SeekOrigin.Current);
                }

                continue;
            }

            var orders = new ShopOrder[count];
            for (var i = 0; i < orders.Length; i++)
            {
                var orderId = reader.ReadString();
                var fen = reader.ReadInt64();
                var utcTicks = reader.ReadInt64();
                var offset = TimeSpan.FromMinutes(reader.ReadInt16());
                var kind = (OrderKind)reader.ReadByte();
                orders[i] = new ShopOrder(orderId, fen, new DateTimeOffset(utcTicks + offset.Ticks, offset), kind);
            }

            parts.Add((shopId, orders));
        }

        return parts;
    }
}
