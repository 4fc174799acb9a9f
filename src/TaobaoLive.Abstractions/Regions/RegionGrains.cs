namespace TaobaoLive.Abstractions.Regions;

/// <summary>Which grain serves a region of a given level, by stable grain type.</summary>
public static class RegionGrains
{
    /// <summary>Grain type of villages; part of every stored village row, so it never changes.</summary>
    public const string VillageTypeName = "village";

    /// <summary>Grain type of towns.</summary>
    public const string TownTypeName = "town";

    /// <summary>Grain type of counties, cities, provinces and the country.</summary>
    public const string AreaTypeName = "area";

    private static readonly GrainType VillageType = GrainType.Create(VillageTypeName);
    private static readonly GrainType TownType = GrainType.Create(TownTypeName);
    private static readonly GrainType AreaType = GrainType.Create(AreaTypeName);

    public static IRegionGrain Get(IGrainFactory grains, RegionLevel level, string regionId) => level switch
    {
        RegionLevel.Village => Village(grains, regionId),
        RegionLevel.Town => Town(grains, regionId),
        _ => Area(grains, regionId),
    };

    public static IVillageGrain Village(IGrainFactory grains, string villageId) =>
        grains.GetGrain<IVillageGrain>(GrainId.Create(VillageType, villageId));

    public static ITownGrain Town(IGrainFactory grains, string townId) =>
        grains.GetGrain<ITownGrain>(GrainId.Create(TownType, townId));

    public static IAreaGrain Area(IGrainFactory grains, string areaId) =>
        grains.GetGrain<IAreaGrain>(GrainId.Create(AreaType, areaId));
}
