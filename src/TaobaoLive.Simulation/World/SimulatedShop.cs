namespace TaobaoLive.Simulation.World;

/// <summary>A generated shop: <see cref="AnnualFen"/> is what it sells in a normal year.</summary>
public sealed record SimulatedShop(string ShopId, string VillageId, string Name, long AnnualFen);
