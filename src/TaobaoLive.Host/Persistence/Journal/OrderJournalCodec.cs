using System.Buffers.Binary;
using System.Globalization;
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

    /// <remarks>
    /// Sized first, then written into one array of exactly that size: a growing stream allocated
    /// about three times the body per batch (the 1,000-order bench batch: a 48 KB start, a 96 KB
    /// large-object buffer, a 62 KB copy), the largest allocation per order of the durable path.
    /// </remarks>
    public static byte[] Encode(IReadOnlyList<(string ShopId, IReadOnlyList<ShopOrder> Orders)> parts)
    {
        var size = 1 + 4;
        foreach (var (shopId, orders) in parts)
        {
            size += StringSize(shopId) + 4;
            for (var i = 0; i < orders.Count; i++)
            {
                size += StringSize(orders[i].OrderId) + RecordTail;
            }
        }

        var body = new byte[size];
        var span = body.AsSpan();
        span[0] = Version;
        var at = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], parts.Count);
        at += 4;
        foreach (var (shopId, orders) in parts)
        {
            at += WriteString(span[at..], shopId);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], orders.Count);
            at += 4;
            for (var i = 0; i < orders.Count; i++)
            {
                var order = orders[i];
                at += WriteString(span[at..], order.OrderId);
                BinaryPrimitives.WriteInt64LittleEndian(span[at..], order.AmountFen);
                BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], order.PaidAt.UtcTicks);
                BinaryPrimitives.WriteInt16LittleEndian(span[(at + 16)..], (short)order.PaidAt.Offset.TotalMinutes);
                span[at + 18] = (byte)order.Kind;
                at += RecordTail;
            }
        }

        if (at != size)
        {
            throw new InvalidOperationException($"journal body sized {size} bytes, written {at}");
        }

        return body;
    }

    /// <summary>A record after its order id: fen, UTC ticks, offset minutes, kind.</summary>
    private const int RecordTail = 8 + 8 + 2 + 1;

    /// <summary>As <see cref="BinaryWriter.Write(string)"/>: the UTF-8 length as a 7-bit encoded int, then the bytes.</summary>
    private static int StringSize(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return PrefixSize((uint)bytes) + bytes;
    }

    private static int WriteString(Span<byte> span, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        var at = 0;
        for (var rest = (uint)bytes; ; rest >>= 7)
        {
            if (rest < 0x80)
            {
                span[at++] = (byte)rest;
                break;
            }

            span[at++] = (byte)(rest | 0x80);
        }

        return at + Encoding.UTF8.GetBytes(value, span[at..]);
    }

    private static int PrefixSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>
    /// The body's parts; with <paramref name="wanted"/>, only those of the shops in it (the records of
    /// the others are skipped without being materialised).
    /// </summary>
    public static List<(string ShopId, ShopOrder[] Orders)> Decode(byte[] body, HashSet<string>? wanted = null) => Decode(body.AsSpan(), wanted);

    /// <summary>
    /// As <see cref="Decode(byte[], HashSet{string})"/>, over a span (a pooled buffer). A shop id is
    /// looked up in <paramref name="wanted"/> as characters and not made a string unless it is
    /// wanted (then the set's own string is used): after a whole-cluster restart every shop's
    /// activation waits for a read of the whole journal, and a string per shop part of every entry
    /// of every read, with a new array per body, kept the silos' garbage collector busiest of all.
    /// </summary>
    public static List<(string ShopId, ShopOrder[] Orders)> Decode(ReadOnlySpan<byte> body, HashSet<string>? wanted = null)
    {
        if (body.Length == 0 || body[0] != Version)
        {
            throw new InvalidDataException($"journal entry format {(body.Length == 0 ? "(empty)" : body[0].ToString(CultureInfo.InvariantCulture))} is not known to this build (it reads {Version})");
        }

        try
        {
            return DecodeParts(body, wanted);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new InvalidDataException($"journal entry of {body.Length} bytes ends inside a record", exception);
        }
    }

    private static List<(string ShopId, ShopOrder[] Orders)> DecodeParts(ReadOnlySpan<byte> body, HashSet<string>? wanted)
    {
        var shops = BinaryPrimitives.ReadInt32LittleEndian(body[1..]);
        var at = 5;
        var parts = new List<(string, ShopOrder[])>(wanted is null ? shops : 0);
        var lookup = default(HashSet<string>.AlternateLookup<ReadOnlySpan<char>>);
        var byChars = wanted is not null && wanted.TryGetAlternateLookup(out lookup);
        // The set's own string can stand for the body's only when the set compares text exactly.
        var sameText = wanted is not null && (ReferenceEquals(wanted.Comparer, StringComparer.Ordinal) || ReferenceEquals(wanted.Comparer, EqualityComparer<string>.Default));
        Span<char> chars = stackalloc char[MaxLookupBytes];
        for (var s = 0; s < shops; s++)
        {
            var idBytes = ReadStringBytes(body, ref at);
            var count = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            at += 4;
            string? shopId = null;
            if (wanted is not null)
            {
                bool want;
                // UTF-8 never has fewer bytes than UTF-16 has chars: the buffer holds any id that fits.
                if (byChars && idBytes.Length <= MaxLookupBytes)
                {
                    want = lookup.TryGetValue(chars[..Encoding.UTF8.GetChars(idBytes, chars)], out var setId);
                    // The set's string may differ from the body's (a case-blind comparer): then the body's, below.
                    shopId = sameText ? setId : null;
                }
                else
                {
                    shopId = Encoding.UTF8.GetString(idBytes);
                    want = wanted.Contains(shopId);
                }

                if (!want)
                {
                    for (var i = 0; i < count; i++)
                    {
                        // The order id (length-prefixed), then fen, ticks, offset and kind.
                        var length = Read7BitLength(body, ref at);
                        at += length + RecordTail;
                    }

                    if (at > body.Length)
                    {
                        throw new ArgumentOutOfRangeException(nameof(body), "the skipped records run past the end");
                    }

                    continue;
                }
            }

            shopId ??= Encoding.UTF8.GetString(idBytes);
            var orders = new ShopOrder[count];
            for (var i = 0; i < orders.Length; i++)
            {
                var orderId = Encoding.UTF8.GetString(ReadStringBytes(body, ref at));
                var record = body.Slice(at, RecordTail);
                var fen = BinaryPrimitives.ReadInt64LittleEndian(record);
                var utcTicks = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
                var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(record[16..]));
                var kind = (OrderKind)record[18];
                at += RecordTail;
                orders[i] = new ShopOrder(orderId, fen, new DateTimeOffset(utcTicks + offset.Ticks, offset), kind);
            }

            parts.Add((shopId, orders));
        }

        return parts;
    }

    /// <summary>Shop ids up to this many UTF-8 bytes are looked up without a string.</summary>
    private const int MaxLookupBytes = 256;

    /// <summary>A length-prefixed UTF-8 string's bytes (see <see cref="WriteString"/>); moves past them.</summary>
    private static ReadOnlySpan<byte> ReadStringBytes(ReadOnlySpan<byte> body, ref int at)
    {
        var length = Read7BitLength(body, ref at);
        var bytes = body.Slice(at, length);
        at += length;
        return bytes;
    }

    private static int Read7BitLength(ReadOnlySpan<byte> body, ref int at)
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = body[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value >= 0 ? value : throw new InvalidDataException("journal entry holds a negative string length");
            }
        }

        throw new InvalidDataException("journal entry holds a string length of more than five bytes");
    }
}
