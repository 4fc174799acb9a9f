using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Clock;

namespace TaobaoLive.Grains.Clock;

/// <summary>The cluster's newest <c>paidAt</c>: only moves forward. In memory: silos re-send theirs after a restart.</summary>
[KeepAlive]
[GrainType(GrainTypeNames.EventClock)]
public sealed class EventClockGrain : Grain, IEventClockGrain
{
    private DateTimeOffset _newest = DateTimeOffset.UnixEpoch;

    public Task<DateTimeOffset> Advance(DateTimeOffset newestSeenBySilo)
    {
        if (newestSeenBySilo > _newest)
        {
            _newest = newestSeenBySilo;
        }

        return Task.FromResult(_newest);
    }
}
