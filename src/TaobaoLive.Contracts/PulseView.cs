namespace TaobaoLive.Contracts;

/// <summary>
/// <c>GET /api/pulse</c>, what a dashboard reads every second: the business clock and the orders
/// this silo has applied since it started (two readings give the order rate).
/// </summary>
public sealed record PulseView(DateTimeOffset Now, long AcceptedOrders);
