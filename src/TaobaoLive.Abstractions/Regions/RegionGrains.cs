namespace TaobaoLive.Abstractions.Regions;

/// <summary>Which grain interface serves a region of a given level.</summary>
public static class RegionGrains
{
    public static IRegionGrain Get(IGrainFactory grains, RegionLevel level, string regionId) => level switch
    {
        RegionLevel.Village => grains.GetGrain<IVillageGrain>(regionId),
        RegionLevel.Town => grains.GetGrain<ITownGrain>(regionId),
        _ => grains.GetGrain<IAreaGrain>(regionId),
    };
}
