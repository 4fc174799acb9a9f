using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Simulation.Sinks;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Simulator.Sinks;

/// <summary>Sends to a running host's HTTP API, retrying when it answers 429/503 with Retry-After.</summary>
public sealed class HttpOrderSink(TaobaoLiveClient client) : IOrderSink
{
    private const int ShopBatch = 2000;
    private const int MaxRetries = 20;

    public async Task RegisterShops(IReadOnlyList<SimulatedShop> shops, CancellationToken cancellationToken)
    {
        for (var i = 0; i < shops.Count; i += ShopBatch)
        {
            var batch = shops.Skip(i).Take(ShopBatch).Select(s => new ShopRecord(s.ShopId, s.VillageId, s.Name)).ToList();
            await WithRetry(() => client.RegisterShops(batch, cancellationToken), cancellationToken);
        }
    }

    public Task<int> Send(IReadOnlyList<SimulatedOrder> orders, CancellationToken cancellationToken)
    {
        var records = orders.Select(o => new OrderRecord(o.OrderId, o.ShopId, o.Fen / 100m, o.PaidAt, o.Refund ? "refund" : null)).ToList();
        var key = orders.Count > 0 ? $"sim-{orders[0].OrderId}-{orders.Count}" : null;
        return WithRetry(async () => (await client.PostOrders(records, key, cancellationToken)).Accepted, cancellationToken);
    }

    private static async Task<T> WithRetry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaobaoLiveApiException exception) when (exception.RetryAfter is { } wait && attempt < MaxRetries)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
