namespace TaobaoLive.Abstractions.Regions;

/// <summary>A county, city, province or the country: sums of its children, counts of what qualifies inside.</summary>
[Alias("TaobaoLive.IAreaGrain")]
public interface IAreaGrain : IRegionGrain
{
    /// <summary>Set by the province's cluster grain: how many clusters have a member inside this area.</summary>
    [Alias("SetClusterCount")]
    Task SetClusterCount(int clusters);
}
