using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Geography;

namespace TaobaoLive.Simulation.World;

/// <summary>
/// Generates a believable country of shops on a geography, deterministically from a seed: each
/// village gets a profile (hotspot, growing, quiet), households, a number of shops, and shops whose
/// yearly sales follow a heavy-tailed (Pareto, α = 1.5) distribution — a few big sellers, many small.
/// </summary>
public static class WorldBuilder
{
    /// <summary>Pareto shape: finite mean (3 × the minimum), heavy tail.</summary>
    private const double Alpha = 1.5;

    /// <summary>
    /// The built-in list names villages that were Taobao villages in 2015, so most start as hotspots;
    /// synthetic geographies pass their own mix.
    /// </summary>
    public static readonly (double Hotspot, double Growing) BuiltInMix = (0.6, 0.3);

    public static readonly (double Hotspot, double Growing) SyntheticMix = (0.15, 0.25);

    public static IReadOnlyList<SimulatedVillage> Build(GeographyModel geography, int seed, (double Hotspot, double Growing) mix, int? totalShops = null)
    {
        var random = new Random(seed);
        // On the national geography (620k villages) the simulated world is the 2015 list's villages,
        // in list order: the same world the 2015 list alone gives, on today's codes.
        var villages = geography.Listed2015Villages.Count > 0 ? geography.Listed2015Villages.ToList() : geography.AtLevel(RegionLevel.Village).ToList();
        var profiles = villages.Select(_ => random.NextDouble() switch
        {
            var r when r < mix.Hotspot => VillageProfile.Hotspot,
            var r when r < mix.Hotspot + mix.Growing => VillageProfile.Growing,
            _ => VillageProfile.Quiet,
        }).ToList();
        var counts = profiles.Select(p => p switch
        {
            VillageProfile.Hotspot => random.Next(110, 201),
            VillageProfile.Growing => random.Next(80, 126),
            _ => random.Next(2, 31),
        }).ToList();
        if (totalShops is { } wanted)
        {
            // Keep the proportions between villages, scale the total (benchmarks ask for an exact count).
            // Every village keeps a shop unless fewer shops than villages are asked for: then the
            // smaller villages go without (a floor of one could never come down to the count).
            var floor = wanted >= counts.Count ? 1 : 0;
            var sum = counts.Sum();
            counts = counts.Select(c => Math.Max(floor, (int)Math.Round((double)c * wanted / sum))).ToList();
            var drift = wanted - counts.Sum();
            for (var i = 0; drift != 0; i = (i + 1) % counts.Count)
            {
                if (drift > 0 || counts[i] > floor)
                {
                    counts[i] += Math.Sign(drift);
                    drift -= Math.Sign(drift);
                }
            }
        }

        var result = new List<SimulatedVillage>(villages.Count);
        for (var v = 0; v < villages.Count; v++)
        {
            if (counts[v] == 0)
            {
                continue;
            }

            var meanYuan = profiles[v] switch
            {
                VillageProfile.Hotspot => 160_000.0,
                VillageProfile.Growing => 90_000.0,
                _ => 20_000.0,
            };
            var shops = new List<SimulatedShop>(counts[v]);
            for (var s = 0; s < counts[v]; s++)
            {
                var minimum = meanYuan * (Alpha - 1) / Alpha;
                var yuan = Math.Min(minimum / Math.Pow(1 - random.NextDouble(), 1 / Alpha), meanYuan * 50);
                shops.Add(new SimulatedShop($"shop-{v:D5}-{s:D3}", villages[v].Id, $"{villages[v].Name}网店{s + 1}", (long)(yuan * 100)));
            }

            var households = villages[v].Households ?? random.Next(300, 3001);
            result.Add(new SimulatedVillage(villages[v].Id, villages[v].Path, profiles[v], households, shops));
        }

        return result;
    }
}
