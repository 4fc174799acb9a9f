namespace TaobaoLive.Simulation.World;

public sealed record SimulatedVillage(string Id, string Path, VillageProfile Profile, int Households, IReadOnlyList<SimulatedShop> Shops);
