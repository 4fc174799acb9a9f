using System.Globalization;

namespace TaobaoLive.Domain.Money;

/// <summary>
/// Amounts on the wire are yuan with at most two decimals; inside they are integer fen (DESIGN.md:
/// money is exact, nothing is floating point). Parsing works on the text itself, never through a
/// double, so "0.1" is exactly 10 fen.
/// </summary>
public static class Yuan
{
    /// <summary>
    /// RMB 100,000,000.00 per order. The whole Taobao village threshold is RMB 10 million a year; a
    /// single order ten times that is a data error, and the cap keeps sums far from overflow.
    /// </summary>
    public const long MaxOrderFen = 100_000_000_00;

    public static bool TryParse(string? text, out long fen, out string? error) =>
        TryParse(text.AsSpan(), out fen, out error);

    /// <summary>As <see cref="TryParse(string?, out long, out string?)"/> on characters (the ingest parses from a stack buffer); the text becomes a string only for an error message.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long fen, out string? error)
    {
        fen = 0;
        if (text.IsWhiteSpace())
        {
            error = "amount is empty";
            return false;
        }

        var span = text;
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (whole.Length == 0 || !IsDigits(whole) || (point >= 0 && (fraction.Length == 0 || !IsDigits(fraction))))
        {
            error = $"amount '{text.ToString()}' is not a number with at most two decimals";
            return false;
        }

        if (fraction.Length > 2)
        {
            error = $"amount '{text.ToString()}' has more than two decimals";
            return false;
        }

        var significant = whole.TrimStart('0');
        // More than 12 integer digits is beyond any accepted amount (and beyond long in fen soon after).
        if (significant.Length > 12)
        {
            error = $"amount '{text.ToString()}' is too large (at most {Format(MaxOrderFen)})";
            return false;
        }

        var yuan = significant.Length == 0 ? 0 : long.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        var cents = fraction.Length switch
        {
            0 => 0,
            1 => (fraction[0] - '0') * 10,
            _ => ((fraction[0] - '0') * 10) + (fraction[1] - '0'),
        };
        var value = (yuan * 100) + cents;
        if (value > MaxOrderFen)
        {
            error = $"amount '{text.ToString()}' is too large (at most {Format(MaxOrderFen)})";
            return false;
        }

        fen = negative ? -value : value;
        error = null;
        return true;
    }

    /// <summary>Invariant text with exactly two decimals: 1234 → "12.34", -5 → "-0.05".</summary>
    public static string Format(long fen)
    {
        var magnitude = fen < 0 ? -(decimal)fen : fen;
        var text = (magnitude / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return fen < 0 ? "-" + text : text;
    }

    /// <summary>For people: "RMB 10,000,000.00".</summary>
    public static string FormatGrouped(long fen)
    {
        var magnitude = fen < 0 ? -(decimal)fen : fen;
        var text = (magnitude / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
        return fen < 0 ? "-RMB " + text : "RMB " + text;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
