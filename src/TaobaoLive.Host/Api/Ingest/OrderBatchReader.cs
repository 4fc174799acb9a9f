using System.Globalization;
using System.Text;
using System.Text.Json;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Money;
using TaobaoLive.Domain.Orders;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// Parses an order batch — a JSON array or newline-delimited JSON — record by record with a forward
/// reader (no document tree), checking each field's format. Amounts are parsed from their text, never
/// through a double. Unknown fields are ignored.
/// </summary>
public static class OrderBatchReader
{
    public const int MaxIdLength = OrderCheck.MaxIdLength;

    /// <summary>Finds the string already held for an id (null: not known), so a repeated id costs no allocation.</summary>
    public delegate string? KnownId(ReadOnlySpan<char> id);

    public static OrderBatch Read(ReadOnlySpan<byte> body, bool ndjson, int maxRecords, KnownId? knownShop = null)
    {
        // Records are flat objects: counting '{' sizes the list once instead of growing it (a
        // brace inside a string only makes the guess larger).
        var batch = new OrderBatch(Math.Min(body.Count((byte)'{'), maxRecords + 1));
        if (StrictText.Utf8Problem(body) is { } notUtf8)
        {
            batch.Malformed.Add(new ApiError(-1, null, notUtf8));
            return batch;
        }

        if (ndjson)
        {
            ReadLines(body, batch, maxRecords, knownShop);
        }
        else
        {
            ReadArray(body, batch, maxRecords, knownShop);
        }

        return batch;
    }

    private static void ReadArray(ReadOnlySpan<byte> body, OrderBatch batch, int maxRecords, KnownId? knownShop)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                batch.Malformed.Add(new ApiError(-1, null, "the body must be a JSON array of orders (or send application/x-ndjson, one order per line)"));
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = batch.Records++;
                if (index >= maxRecords)
                {
                    batch.Malformed.Add(new ApiError(index, null, $"the batch has more than {maxRecords} records; split it"));
                    return;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    batch.Malformed.Add(new ApiError(index, null, "each order must be a JSON object"));
                    reader.Skip();
                    continue;
                }

                ReadRecord(ref reader, index, batch, knownShop);
            }

            if (reader.Read())
            {
                batch.Malformed.Add(new ApiError(-1, null, "unexpected content after the JSON array"));
            }
        }
        catch (JsonException exception)
        {
            batch.Malformed.Add(new ApiError(Math.Max(batch.Records - 1, -1), null, $"malformed JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}"));
        }
    }

    private static void ReadLines(ReadOnlySpan<byte> body, OrderBatch batch, int maxRecords, KnownId? knownShop)
    {
        var lineNumber = 0;
        while (body.Length > 0)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (line.Trim(" \t\r"u8).Length == 0)
            {
                continue;
            }

            var index = batch.Records++;
            if (index >= maxRecords)
            {
                batch.Malformed.Add(new ApiError(index, null, $"the batch has more than {maxRecords} records; split it"));
                return;
            }

            var reader = new Utf8JsonReader(line);
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    batch.Malformed.Add(new ApiError(index, null, $"line {lineNumber} is not a JSON object"));
                    continue;
                }

                ReadRecord(ref reader, index, batch, knownShop);
                if (reader.Read())
                {
                    batch.Malformed.Add(new ApiError(index, null, $"line {lineNumber} holds more than one JSON value"));
                }
            }
            catch (JsonException exception)
            {
                batch.Malformed.Add(new ApiError(index, null, $"malformed JSON on line {lineNumber}, byte {exception.BytePositionInLine + 1}"));
            }
        }
    }

    /// <summary>Reads one object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static void ReadRecord(ref Utf8JsonReader reader, int index, OrderBatch batch, KnownId? knownShop)
    {
        string? orderId = null, shopId = null, type = null;
        // Amount and paidAt are parsed where they stand in the body (a stack copy, no string): a
        // string is made only for an error message. The last occurrence of a field counts.
        var amount = FieldValue<long>.Missing;
        var paidAt = FieldValue<DateTimeOffset>.Missing;
        var seq = -1L;
        var errorsBefore = batch.Invalid.Count;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            // Property names are compared as UTF-8, not read into strings: five fewer allocations a record.
            var field = FieldOf(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.OrderId:
                    orderId = StringField(ref reader, index, "orderId", batch);
                    break;
                case Field.ShopId:
                    shopId = knownShop is not null && TryKnownId(ref reader, knownShop, out var id) ? id : StringField(ref reader, index, "shopId", batch);
                    break;
                case Field.Amount:
                    if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
                    {
                        amount = ReadAmount(ref reader);
                    }
                    else
                    {
                        batch.Invalid.Add(new ApiError(index, "amount", "amount must be a number or a string of yuan"));
                        reader.Skip();
                    }

                    break;
                case Field.PaidAt:
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        paidAt = ReadInstant(ref reader);
                    }
                    else
                    {
                        _ = StringField(ref reader, index, "paidAt", batch);
                        paidAt = FieldValue<DateTimeOffset>.Missing;
                    }

                    break;
                case Field.Type:
                    type = StringField(ref reader, index, "type", batch);
                    break;
                case Field.Seq:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out seq) || seq < 0)
                    {
                        batch.Invalid.Add(new ApiError(index, "seq", "seq must be a whole number from 0 to 9223372036854775807 (the record's number in its producer's stream)"));
                        reader.Skip();
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (batch.Invalid.Count > errorsBefore)
        {
            return;
        }

        var errors = batch.Invalid;
        if (OrderCheck.Id("orderId", orderId) is { } orderIdProblem)
        {
            errors.Add(new ApiError(index, "orderId", orderIdProblem));
        }

        if (OrderCheck.Id("shopId", shopId) is { } shopIdProblem)
        {
            errors.Add(new ApiError(index, "shopId", shopIdProblem));
        }

        var kind = OrderKind.Payment;
        if (type is not null)
        {
            switch (type.ToLowerInvariant())
            {
                case "payment":
                    break;
                case "refund":
                    kind = OrderKind.Refund;
                    break;
                default:
                    errors.Add(new ApiError(index, "type", $"type '{type}' must be payment or refund"));
                    break;
            }
        }

        if (!amount.Present)
        {
            errors.Add(new ApiError(index, "amount", "amount is required"));
        }
        else if (amount.Error is { } amountError)
        {
            errors.Add(new ApiError(index, "amount", amountError));
        }
        else if (OrderCheck.Amount(amount.Value) is { } amountProblem)
        {
            errors.Add(new ApiError(index, "amount", amountProblem));
        }

        if (!paidAt.Present)
        {
            errors.Add(new ApiError(index, "paidAt", "paidAt is required"));
        }
        else if (paidAt.Error is { } paidAtText)
        {
            errors.Add(new ApiError(index, "paidAt", $"paidAt '{paidAtText}' must be an ISO 8601 time with an offset, e.g. 2026-11-11T00:00:05+08:00"));
        }

        if (errors.Count == errorsBefore)
        {
            batch.Orders.Add(new ParsedOrder(index, shopId!, new ShopOrder(orderId!, amount.Value, paidAt.Value, kind), seq));
        }
    }

    /// <summary>A field's parsed value, or why it did not parse (for paidAt: its text).</summary>
    private readonly record struct FieldValue<T>(bool Present, T Value, string? Error)
    {
        public static FieldValue<T> Missing => default;
    }

    // Longer values are read into a string first; no valid amount or time comes near this.
    private const int StackValueLength = 96;

    private static FieldValue<long> ReadAmount(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[StackValueLength];
        var length = CopyValue(ref reader, buffer, out var text);
        var chars = length >= 0 ? buffer[..length] : text.AsSpan();
        return Yuan.TryParse(chars, out var fen, out var error) ? new(true, fen, null) : new(true, 0, error);
    }

    private static FieldValue<DateTimeOffset> ReadInstant(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[StackValueLength];
        var length = CopyValue(ref reader, buffer, out var text);
        var chars = length >= 0 ? buffer[..length] : text.AsSpan();
        return TryParseInstant(chars, out var instant) ? new(true, instant, null) : new(true, default, text ?? chars.ToString());
    }

    /// <summary>
    /// A string's unescaped text or a number's text, copied into <paramref name="buffer"/> (its length
    /// returned) when it fits; otherwise read into <paramref name="text"/> and -1 returned.
    /// </summary>
    private static int CopyValue(ref Utf8JsonReader reader, scoped Span<char> buffer, out string? text)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        text = null;
        if (reader.HasValueSequence || reader.ValueSpan.Length > buffer.Length)
        {
            text = isString ? reader.GetString() : reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
            return -1;
        }

        return isString ? reader.CopyString(buffer) : Encoding.UTF8.GetChars(reader.ValueSpan, buffer);
    }

    private enum Field
    {
        Other,
        OrderId,
        ShopId,
        Amount,
        PaidAt,
        Type,
        Seq,
    }

    private static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("orderId"u8) ? Field.OrderId
        : reader.ValueTextEquals("shopId"u8) ? Field.ShopId
        : reader.ValueTextEquals("amount"u8) ? Field.Amount
        : reader.ValueTextEquals("paidAt"u8) ? Field.PaidAt
        : reader.ValueTextEquals("type"u8) ? Field.Type
        : reader.ValueTextEquals("seq"u8) ? Field.Seq
        : Field.Other;

    /// <summary>An unescaped string value the caller already holds as a string (a registered shop's id).</summary>
    private static bool TryKnownId(ref Utf8JsonReader reader, KnownId known, out string? id)
    {
        id = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxIdLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxIdLength];
        if (!Encoding.UTF8.TryGetChars(reader.ValueSpan, chars, out var length))
        {
            return false;
        }

        id = known(chars[..length]);
        return id is not null;
    }

    private static string? StringField(ref Utf8JsonReader reader, int index, string field, OrderBatch batch)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            batch.Invalid.Add(new ApiError(index, field, $"{field} must be a string"));
        }

        reader.Skip();
        return null;
    }

    /// <summary>ISO 8601 with an explicit offset ('Z' or ±hh:mm): a time without one is ambiguous.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant) => TryParseInstant(text.AsSpan(), out instant);

    /// <inheritdoc cref="TryParseInstant(string, out DateTimeOffset)"/>
    public static bool TryParseInstant(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!hasOffset || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        return IsoInstant.TryParseStrict(text, out instant)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
