namespace TaobaoLive.Abstractions.Clock;

/// <summary>
/// A grain whose status can lapse with time alone. The silo's clock tells it when the business day
/// changes, so a village that stops selling loses its status on time even if no event reaches it.
/// </summary>
[Alias("TaobaoLive.IBusinessDayObserver")]
public interface IBusinessDayObserver : IGrainWithStringKey
{
    [Alias("OnBusinessDayChanged")]
    Task OnBusinessDayChanged(int today);
}
