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
[GrainType(RegionGrains.AreaTypeName)]
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
            PruneAndAfterChange(EvaluationTrigger.Reports);
        }

        return Task.CompletedTask;
    }

    // The country's per-minute turnover for the big screen; in memory only (a restart starts it afresh).
    private MinuteSeries? _minutes;

    public Task<TurnoverMinutes> GetMinutes()
    {
        var minutes = _minutes ?? new MinuteSeries();
        return Task.FromResult(new TurnoverMinutes(minutes.Day, minutes.Today.ToArray(), minutes.Yesterday.ToArray()));
    }

    protected override void AfterChange()
    {
        if (Region.Level == RegionLevel.Country)
        {
            (_minutes ??= new MinuteSeries()).Record(Services.Clock.Now, Ledger.On(Services.Clock.Today));
        }
    }

    protected override RegionCounts CurrentCounts()
    {
        var children = ChildrenTotal();
        return Region.Level == RegionLevel.Country ? children : children with { Clusters = State.ClusterCount };
    }
}
