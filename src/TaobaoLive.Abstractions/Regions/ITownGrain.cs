using TaobaoLive.Abstractions.Clock;

namespace TaobaoLive.Abstractions.Regions;

/// <summary>A town, township or street: its villages' turnover, its Taobao town status.</summary>
[Alias("TaobaoLive.ITownGrain")]
public interface ITownGrain : IRegionGrain, IBusinessDayObserver
{
}
