using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>A record that passed the format checks; <see cref="Index"/> is its position in the batch.</summary>
public readonly record struct ParsedOrder(int Index, string ShopId, ShopOrder Order);
