using TaobaoLive.Domain.Money;
using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Orders;

/// <summary>
/// The rules an order record must meet and the words a rejection uses, in one place: the API's
/// reader checks the fields of each record, the ingest checks ids and times across a batch, and a
/// shop checks what it is given directly (the embedded simulator, the grain API). Every method
/// returns null when the value passes, else the message for the named field.
/// </summary>
public static class OrderCheck
{
    /// <summary>Longest order or shop id accepted (characters).</summary>
    public const int MaxIdLength = 128;

    /// <summary>An id field (<c>orderId</c>, <c>shopId</c>): present, not blank, not too long.</summary>
    public static string? Id(string field, string? id) =>
        string.IsNullOrWhiteSpace(id) ? $"{field} is required"
        : id.Length > MaxIdLength ? $"{field} is longer than {MaxIdLength} characters"
        : null;

    /// <summary>A parsed amount in fen: positive (a refund is a positive amount of type refund) and within the per-order cap.</summary>
    public static string? Amount(long fen) =>
        fen <= 0 ? "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)"
        : fen > Yuan.MaxOrderFen ? $"amount {Yuan.Format(fen)} exceeds the maximum of {Yuan.Format(Yuan.MaxOrderFen)} per order"
        : null;

    /// <summary>A payment time: not later than the clock allows, not before the turnover window.</summary>
    public static string? PaidAt(DateTimeOffset paidAt, in OrderTimeLimits limits)
    {
        if (paidAt > limits.Latest)
        {
            return $"paidAt {paidAt:O} is in the future (later than {limits.Latest:O}, the clock plus {limits.FutureSkew.TotalMinutes:0.##} minutes of allowed skew)";
        }

        return BusinessCalendar.DayOf(paidAt) < limits.FirstDay
            ? $"paidAt {paidAt:O} is older than the {limits.Window.Days}-day turnover window (earliest accepted business day {BusinessCalendar.DateOf(limits.FirstDay):yyyy-MM-dd})"
            : null;
    }

    /// <summary>The second record of a batch with an order id already used at <paramref name="first"/>.</summary>
    public static string DuplicateId(string orderId, int first) =>
        $"orderId '{orderId}' appears twice in this batch (first at index {first})";

    /// <summary>A refund may not take a day below zero: <paramref name="balance"/> is what the shop holds for the day.</summary>
    public static string? Refund(long fen, long balance, int day) =>
        fen > balance
            ? $"refund of {Yuan.Format(fen)} exceeds the shop's turnover of {Yuan.Format(balance)} on {BusinessCalendar.DateOf(day):yyyy-MM-dd}"
            : null;
}

/// <summary>What <see cref="OrderCheck.PaidAt"/> checks against, read once per batch.</summary>
/// <param name="Latest">The clock plus the allowed skew: the latest acceptable payment time.</param>
/// <param name="FutureSkew">How far ahead of the clock a payment may be (for the message).</param>
/// <param name="Window">The turnover window.</param>
/// <param name="Today">The business day of the clock.</param>
public readonly record struct OrderTimeLimits(DateTimeOffset Latest, TimeSpan FutureSkew, TrailingWindow Window, int Today)
{
    public int FirstDay => Window.FirstDay(Today);
}
