using TaobaoLive.Simulation.World;

namespace TaobaoLive.Simulation.Sinks;

/// <summary>Where simulated shops and orders go: a host over HTTP, or grains in the same silo.</summary>
public interface IOrderSink
{
    Task RegisterShops(IReadOnlyList<SimulatedShop> shops, CancellationToken cancellationToken);

    /// <summary>Sends one batch; returns how many orders were accepted (throws on refusal).</summary>
    Task<int> Send(IReadOnlyList<SimulatedOrder> orders, CancellationToken cancellationToken);
}
