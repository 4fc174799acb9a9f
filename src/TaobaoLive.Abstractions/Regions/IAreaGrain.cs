namespace TaobaoLive.Abstractions.Regions;

/// <summary>A county, city, province or the country: sums of its children, counts of what qualifies inside.</summary>
[Alias("TaobaoLive.IAreaGrain")]
public interface IAreaGrain : IRegionGrain
{
    /// <summary>Turnover per minute today and the day before; kept by the country only (others answer empty).</summary>
    [Alias("GetMinutes")]
    Task<TurnoverMinutes> GetMinutes();
}
