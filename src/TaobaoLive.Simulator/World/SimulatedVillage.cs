namespace TaobaoLive.Simulator.World;

public sealed record SimulatedVillage(string Id, string Path, VillageProfile Profile, int Households, IReadOnlyList<SimulatedShop> Shops);
