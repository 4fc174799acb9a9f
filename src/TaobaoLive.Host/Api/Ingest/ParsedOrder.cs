using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// A record that passed the format checks; <see cref="Index"/> is its position in the batch,
/// <see cref="Seq"/> its number in its producer's stream (-1 when it carries none).
/// </summary>
public readonly record struct ParsedOrder(int Index, string ShopId, ShopOrder Order, long Seq = -1);
