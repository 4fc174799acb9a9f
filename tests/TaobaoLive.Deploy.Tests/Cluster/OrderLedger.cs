using System.Collections.Concurrent;
using TaobaoLive.Contracts;

namespace TaobaoLive.Deploy.Tests.Cluster;

/// <summary>Every order the platform acknowledged (answered 200) and every shop registered: the ground truth the totals must equal.</summary>
public sealed class OrderLedger
{
    private readonly ConcurrentQueue<OrderRecord> _orders = new();
    private readonly ConcurrentDictionary<string, string> _villageOfShop = new(StringComparer.Ordinal);

    /// <summary>Shops registered (answered 200), by village path.</summary>
    public void Registered(IEnumerable<ShopRecord> shops)
    {
        foreach (var shop in shops)
        {
            _villageOfShop[shop.ShopId] = shop.Village;
        }
    }

    public void Acknowledged(IEnumerable<OrderRecord> orders)
    {
        foreach (var order in orders)
        {
            _orders.Enqueue(order);
        }
    }

    public long Count => _orders.Count;

    public decimal Total => _orders.Sum(o => o.Amount);

    /// <summary>The turnover of the ledger's orders at shops registered in <paramref name="villagePath"/>.</summary>
    public decimal Village(string villagePath) =>
        _orders.Where(o => _villageOfShop.TryGetValue(o.ShopId, out var village) && village == villagePath).Sum(o => o.Amount);

    public (decimal Yuan, long Orders) Shop(string shopId) =>
        _orders.Where(o => o.ShopId == shopId).Aggregate((Yuan: 0m, Orders: 0L), (sum, o) => (sum.Yuan + o.Amount, sum.Orders + 1));
}
