namespace TaobaoLive.Contracts;

/// <summary>
/// An order or refund as producers send it. <see cref="Amount"/> is yuan with at most two decimals
/// (a JSON number or string); <see cref="PaidAt"/> is ISO 8601 with an offset; <see cref="Type"/> is
/// "payment" (default) or "refund" (a refund's paidAt is the refunded order's payment time).
/// </summary>
public sealed record OrderRecord(string OrderId, string ShopId, decimal Amount, DateTimeOffset PaidAt, string? Type = null);
