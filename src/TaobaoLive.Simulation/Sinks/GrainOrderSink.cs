using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Simulation.Sinks;

/// <summary>Calls shop grains directly: the simulator running inside a silo skips HTTP.</summary>
public sealed class GrainOrderSink(IGrainFactory grains) : IOrderSink
{
    public async Task RegisterShops(IReadOnlyList<SimulatedShop> shops, CancellationToken cancellationToken)
    {
        foreach (var chunk in shops.Chunk(1000))
        {
            var results = await Task.WhenAll(chunk.Select(s => ShopGrains.Get(grains, s.ShopId).Register(s.VillageId, s.Name)));
            if (results.FirstOrDefault(r => !r.Registered) is { } failed)
            {
                throw new InvalidOperationException($"a simulated shop was refused: {failed.Error}");
            }
        }
    }

    public async Task<int> Send(IReadOnlyList<SimulatedOrder> orders, CancellationToken cancellationToken)
    {
        var calls = orders
            .GroupBy(o => o.ShopId, StringComparer.Ordinal)
            .Select(g => ShopGrains.Get(grains, g.Key).RecordOrders(
                g.Select(o => new ShopOrder(o.OrderId, o.Fen, o.PaidAt, o.Refund ? OrderKind.Refund : OrderKind.Payment)).ToList()).AsTask());
        var results = await Task.WhenAll(calls);
        if (results.FirstOrDefault(r => !r.IsAccepted) is { } refused)
        {
            throw new InvalidOperationException($"simulated orders were refused: {refused.Errors[0].Message}");
        }

        return results.Sum(r => r.Accepted);
    }
}
