namespace TaobaoLive.Abstractions.Shops;

[GenerateSerializer]
[Alias("TaobaoLive.OrderKind")]
public enum OrderKind
{
    /// <summary>A paid order: adds its amount to the day it was paid.</summary>
    Payment = 0,

    /// <summary>A refund: takes its amount off the day the refunded order was paid.</summary>
    Refund = 1,
}
