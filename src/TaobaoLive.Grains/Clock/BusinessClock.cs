using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaobaoLive.Domain.Orders;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Clock;

/// <summary>
/// The silo's business clock. In <see cref="ClockMode.Wall"/> it is the injected time provider; in
/// <see cref="ClockMode.Event"/> it is the newest <c>paidAt</c> ingested anywhere in the cluster (this
/// silo's own newest at once, other silos' through <see cref="BusinessDayDriver"/>'s exchange). Wall
/// time still bounds what may be ingested: nothing dated beyond wall time plus the allowed skew.
/// </summary>
public sealed class BusinessClock
{
    private readonly TimeProvider _time;
    private long _eventTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public BusinessClock([FromKeyedServices(TaobaoLiveServiceKeys.Time)] TimeProvider time, IOptions<TaobaoLiveOptions> options)
    {
        _time = time;
        Mode = options.Value.Clock;
        FutureSkew = options.Value.FutureSkew;
    }

    public ClockMode Mode { get; }

    public TimeSpan FutureSkew { get; }

    public TimeProvider WallTime => _time;

    public DateTimeOffset WallNow => _time.GetUtcNow();

    /// <summary>Business time now. In event mode before any order, the Unix epoch.</summary>
    public DateTimeOffset Now => Mode == ClockMode.Wall
        ? _time.GetUtcNow()
        : new DateTimeOffset(Interlocked.Read(ref _eventTicks), TimeSpan.Zero);

    public int Today => BusinessCalendar.DayOf(Now);

    /// <summary>Latest instant an order may carry: wall time plus the allowed skew.</summary>
    public DateTimeOffset LatestAcceptable => _time.GetUtcNow() + FutureSkew;

    /// <summary>What a payment time is checked against now (<see cref="OrderCheck.PaidAt"/>), for a window of turnover.</summary>
    public OrderTimeLimits OrderLimits(TrailingWindow window) => new(LatestAcceptable, FutureSkew, window, Today);

    /// <summary>In event mode, moves the clock forward to <paramref name="paidAt"/> if it is newer. Returns true when it moved.</summary>
    public bool Observe(DateTimeOffset paidAt)
    {
        if (Mode != ClockMode.Event)
        {
            return false;
        }

        var ticks = paidAt.UtcTicks;
        var current = Interlocked.Read(ref _eventTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _eventTicks, ticks, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }
}
