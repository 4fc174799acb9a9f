using TaobaoLive.Geography;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Host.Tests.Simulation;

/// <summary>The simulated world of a bench: exactly the shops asked for, however few.</summary>
public sealed class WorldBuilderTests
{
    private static readonly GeographyModel Geography = GeographyLoader.Load(new StringReader(SyntheticGeography.Tsv(200, seed: 1)), "synthetic");

    [Theory]
    [InlineData(60)]
    [InlineData(199)]
    [InlineData(200)]
    [InlineData(5_000)]
    public void Asking_for_a_number_of_shops_gives_exactly_that_many_in_villages_that_have_shops(int shops)
    {
        var world = WorldBuilder.Build(Geography, seed: 3, WorldBuilder.SyntheticMix, shops);

        Assert.Equal(shops, world.Sum(v => v.Shops.Count));
        Assert.All(world, v => Assert.NotEmpty(v.Shops));
        // Every village has a shop when there are enough; with fewer, the smaller villages go without.
        Assert.True(shops >= 200 ? world.Count == 200 : world.Count <= shops, $"{world.Count} villages with shops");
    }
}
