using TaobaoLive.Abstractions.Clock;

namespace TaobaoLive.Abstractions.Regions;

/// <summary>An administrative village: its shops' turnover, its Taobao village status.</summary>
[Alias("TaobaoLive.IVillageGrain")]
public interface IVillageGrain : IRegionGrain, IBusinessDayObserver
{
}
