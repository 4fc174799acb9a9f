namespace TaobaoLive.Simulation.Sinks;

/// <summary>An order the simulator made, in fen; a refund refunds an order of the same shop paid at <see cref="PaidAt"/>.</summary>
public readonly record struct SimulatedOrder(string OrderId, string ShopId, long Fen, DateTimeOffset PaidAt, bool Refund);
