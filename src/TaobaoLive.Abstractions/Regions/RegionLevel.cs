namespace TaobaoLive.Abstractions.Regions;

/// <summary>The administrative hierarchy, top to bottom. Numeric values are persisted: never renumber.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.RegionLevel")]
public enum RegionLevel
{
    Country = 0,
    Province = 1,
    City = 2,
    County = 3,
    Town = 4,
    Village = 5,
}
