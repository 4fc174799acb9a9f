namespace TaobaoLive.Abstractions.Shops;

/// <summary>
/// One paid order or refund for a shop. <see cref="AmountFen"/> is positive for both kinds; a refund's
/// <see cref="PaidAt"/> is the payment time of the order it refunds, so it reduces that day.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ShopOrder")]
public sealed record ShopOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] long AmountFen,
    [property: Id(2)] DateTimeOffset PaidAt,
    [property: Id(3)] OrderKind Kind = OrderKind.Payment);
