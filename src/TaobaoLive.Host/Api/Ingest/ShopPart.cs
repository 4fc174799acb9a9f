using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>One shop's records of a batch, in batch order: the argument of that shop's grain call.</summary>
public sealed record ShopPart(string ShopId, ShopOrder[] Orders, bool HasRefund);
