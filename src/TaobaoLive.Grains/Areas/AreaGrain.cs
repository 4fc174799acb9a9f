using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Areas;

/// <summary>
/// A county, city, province or the country: sums its children. Cluster counts come from the
/// province's cluster grain for counties, cities and provinces; the country sums its provinces'.
/// </summary>
[GrainType(GrainTypeNames.Area)]
[ImplicitStreamSubscription(StreamNames.RegionInbox)]
public sealed class AreaGrain(
    [PersistentState("area", StorageNames.Grains)] IPersistentState<AggregateState> state,
    PipelineServices services) : AggregateRegionGrain(state, services), IAreaGrain
{
    public Task SetClusterCount(int clusters)
    {
        if (clusters != State.ClusterCount)
        {
            State.ClusterCount = clusters;
            Changed(EvaluationTrigger.Reports);
        }

        return Task.CompletedTask;
    }

    // The country's per-minute turnover for the big screen; in memory only (a restart starts it afresh).
    private MinuteSeries? _minutes;

    // The counts as the business day began, so that "+N today" is the same counts' difference: the
    // counts last seen before the day's first change (at activation if that was later).
    private RegionCounts _lastCounts = RegionCounts.Zero;
    private (int Day, RegionCounts Counts) _dayStart = (int.MinValue, RegionCounts.Zero);

    public Task<TurnoverMinutes> GetMinutes()
    {
        var minutes = _minutes ?? new MinuteSeries();
        NoteDay();
        return Task.FromResult(new TurnoverMinutes(minutes.Day, minutes.Today.ToArray(), minutes.Yesterday.ToArray(), minutes.FirstReading, _dayStart.Counts));
    }

    protected override void OnActivated() => _lastCounts = CurrentCounts();

    protected override void AfterChange()
    {
        if (Region.Level == RegionLevel.Country)
        {
            (_minutes ??= new MinuteSeries()).Record(Services.Clock.Now, Ledger.On(Services.Clock.Today));
            NoteDay();
            _lastCounts = CurrentCounts();
        }
    }

    private void NoteDay()
    {
        if (Services.Clock.Today != _dayStart.Day)
        {
            _dayStart = (Services.Clock.Today, _lastCounts);
        }
    }

    protected override RegionCounts CurrentCounts()
    {
        var children = ChildrenTotal();
        return Region.Level == RegionLevel.Country ? children : children with { Clusters = State.ClusterCount };
    }
}
