using System.Globalization;
using System.Text.Json;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Input;

/// <summary>
/// Orders from NDJSON (one <c>{ orderId, shopId, amount, paidAt, type? }</c> per line; <c>.ndjson</c>,
/// <c>.jsonl</c>, or a first line starting with '{') or from CSV/TSV <c>orderId,shopId,amount,paidAt[,kind]</c>.
/// Each record is checked as the API checks it, so a bad line is reported before anything is sent:
/// amounts are yuan with at most two decimals, read from their text (never through a double), and
/// times carry an offset.
/// </summary>
internal static class OrderFileReader
{
    private static readonly DelimitedRows Rows = new(
        ["orderId", "shopId", "amount", "paidAt", "kind"],
        required: 4,
        new Dictionary<string, string> { ["type"] = "kind" });

    public static (List<NumberedRecord<OrderRecord>> Orders, List<LineError> Errors) Read(string path)
    {
        var orders = new List<NumberedRecord<OrderRecord>>();
        var errors = new List<LineError>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var ndjson = IsNdJson(path);
        var kindField = ndjson ? "type" : "kind";
        foreach (var (line, values) in ndjson ? JsonRows(path, errors) : Rows.Read(path, DelimitedRows.ContentLines(path), errors))
        {
            var problem = Check(values, kindField, out var order);
            if (problem is null && !firstLine.TryAdd(order!.OrderId, line))
            {
                problem = $"orderId '{order.OrderId}' appears twice (first on line {firstLine[order.OrderId]})";
            }

            if (problem is null)
            {
                orders.Add(new NumberedRecord<OrderRecord>(line, order!));
            }
            else
            {
                errors.Add(new LineError(line, problem));
            }
        }

        return (orders, errors);
    }

    /// <summary>ISO 8601 with an explicit offset ('Z' or ±hh:mm), as the API requires: a time without one is ambiguous.</summary>
    public static bool TryParsePaidAt(string text, out DateTimeOffset paidAt)
    {
        paidAt = default;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        return hasOffset
            && text.Length >= 20
            && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out paidAt);
    }

    private static bool IsNdJson(string path)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is ".ndjson" or ".jsonl")
        {
            return true;
        }

        var first = DelimitedRows.ContentLines(path).Select(l => l.Text.TrimStart()).FirstOrDefault();
        return first is not null && first.StartsWith('{');
    }

    /// <summary>NDJSON lines as values in column order; unknown fields are ignored, as the API ignores them.</summary>
    private static IEnumerable<(int Line, string?[] Values)> JsonRows(string path, List<LineError> errors)
    {
        foreach (var (number, text) in DelimitedRows.ContentLines(path))
        {
            string?[]? values;
            string? problem;
            try
            {
                using var document = JsonDocument.Parse(text);
                problem = JsonValues(document.RootElement, out values);
            }
            catch (JsonException exception)
            {
                values = null;
                problem = $"malformed JSON at byte {exception.BytePositionInLine + 1}";
            }

            if (problem is not null)
            {
                errors.Add(new LineError(number, problem));
                continue;
            }

            yield return (number, values!);
        }
    }

    private static string? JsonValues(JsonElement element, out string?[]? values)
    {
        values = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return "the line is not a JSON object";
        }

        var fields = new string?[5];
        string[] names = ["orderId", "shopId", "amount", "paidAt", "type"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!element.TryGetProperty(names[i], out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                fields[i] = value.GetString()!.Trim() is { Length: > 0 } text ? text : null;
            }
            else if (names[i] == "amount" && value.ValueKind == JsonValueKind.Number)
            {
                fields[i] = value.GetRawText();
            }
            else
            {
                return names[i] == "amount" ? "amount must be a number or a string of yuan" : $"{names[i]} must be a string";
            }
        }

        values = fields;
        return null;
    }

    /// <summary>
    /// The reason <paramref name="values"/> would be refused, or null and the order. Messages name the
    /// payment/refund field as the file does: "type" in NDJSON (as on the wire), "kind" in CSV.
    /// </summary>
    private static string? Check(string?[] values, string kindField, out OrderRecord? order)
    {
        order = null;
        var (orderId, shopId, amountText, paidAtText, kind) = (values[0], values[1], values[2], values[3], values[4]);
        if (orderId is null)
        {
            return "orderId is empty";
        }

        if (orderId.Length > ShopFileReader.MaxLength)
        {
            return $"orderId is longer than {ShopFileReader.MaxLength} characters";
        }

        if (shopId is null)
        {
            return "shopId is empty";
        }

        if (shopId.Length > ShopFileReader.MaxLength)
        {
            return $"shopId is longer than {ShopFileReader.MaxLength} characters";
        }

        if (amountText is null)
        {
            return "amount is empty";
        }

        if (amountText.StartsWith('-'))
        {
            return $"amount must be greater than zero (send a refund as {kindField} refund with a positive amount)";
        }

        var point = amountText.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? amountText : amountText.Remove(point, 1);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || point == 0 || point == amountText.Length - 1)
        {
            return $"amount '{amountText}' is not yuan such as 12.30";
        }

        if (point >= 0 && amountText.Length - point - 1 > 2)
        {
            return $"amount '{amountText}' has more than two decimals";
        }

        // Far beyond any order the API accepts; the check keeps decimal.Parse from overflowing.
        if ((point < 0 ? amountText.Length : point) > 15)
        {
            return $"amount '{amountText}' is too large";
        }

        var amount = decimal.Parse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (amount == 0)
        {
            return $"amount must be greater than zero (send a refund as {kindField} refund with a positive amount)";
        }

        if (paidAtText is null)
        {
            return "paidAt is empty";
        }

        if (!TryParsePaidAt(paidAtText, out var paidAt))
        {
            return $"paidAt '{paidAtText}' must be an ISO 8601 time with an offset, e.g. 2026-11-11T00:00:05+08:00";
        }

        var type = kind?.ToLowerInvariant();
        if (type is not (null or "payment" or "refund"))
        {
            return $"{kindField} '{kind}' must be payment or refund";
        }

        order = new OrderRecord(orderId, shopId, amount, paidAt, type == "refund" ? "refund" : null);
        return null;
    }
}
