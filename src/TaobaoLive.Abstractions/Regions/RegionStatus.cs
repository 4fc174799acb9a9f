namespace TaobaoLive.Abstractions.Regions;

/// <summary>Status of a village or town under the active rule set. Numeric values are persisted.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.RegionStatus")]
public enum RegionStatus
{
    None = 0,
    TaobaoVillage = 1,
    TaobaoTown = 2,
}
