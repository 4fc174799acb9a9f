using System.Runtime.InteropServices;
using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Api.Ingest;

public static class ShopParts
{
    /// <summary>Splits a batch by shop, shops in order of first appearance; each part sized exactly.</summary>
    public static List<ShopPart> Of(List<ParsedOrder> orders)
    {
        // First pass: how many records each shop has (and whether any is a refund); second: fill.
        using var lease = ScratchTable<string, int>.Borrow(orders.Count, StringComparer.Ordinal);
        var slots = lease.Table;
        var counts = new List<(string ShopId, int Count, bool Refund)>();
        var slotOf = new int[orders.Count];
        for (var i = 0; i < orders.Count; i++)
        {
            var (_, shopId, order, _) = orders[i];
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, shopId, out var known);
            if (!known)
            {
                slot = counts.Count;
                counts.Add((shopId, 0, false));
            }

            slotOf[i] = slot;
            var (id, count, refund) = counts[slot];
            counts[slot] = (id, count + 1, refund || order.Kind == OrderKind.Refund);
        }

        var parts = new List<ShopPart>(counts.Count);
        foreach (var (shopId, count, refund) in counts)
        {
            parts.Add(new ShopPart(shopId, new ShopOrder[count], refund));
        }

        var filled = new int[counts.Count];
        for (var i = 0; i < orders.Count; i++)
        {
            var slot = slotOf[i];
            parts[slot].Orders[filled[slot]++] = orders[i].Order;
        }

        return parts;
    }

    /// <summary>The batch positions of one shop's records, in the order its part holds them (for error messages only).</summary>
    public static List<int> BatchIndexes(List<ParsedOrder> orders, string shopId)
    {
        var indexes = new List<int>();
        foreach (var order in orders)
        {
            if (string.Equals(order.ShopId, shopId, StringComparison.Ordinal))
            {
                indexes.Add(order.Index);
            }
        }

        return indexes;
    }
}
