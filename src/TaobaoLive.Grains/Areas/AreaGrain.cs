using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Clusters;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Areas;

/// <summary>
/// A county, city, province or the country: sums its children. Counties, cities and provinces take
/// their cluster count from the province's cluster grain, which reports to them as one more child
/// (<see cref="ClusterLinks"/>) and is asked like the others when they rebuild; the country sums its
/// provinces'.
/// </summary>
[GrainType(GrainTypeNames.Area)]
[ImplicitStreamSubscription(StreamNames.RegionInbox)]
public sealed class AreaGrain(
    [PersistentState("area", StorageNames.Grains)] IPersistentState<AggregateState> state,
    PipelineServices services) : AggregateRegionGrain(state, services), IAreaGrain
{
    // The country's per-minute turnover for the big screen; in memory only (a restart starts it afresh).
    private MinuteSeries? _minutes;

    // The counts as the business day began, so that "+N today" is the same counts' difference: the
    // counts last seen before the day's first change (at activation if that was later).
    private RegionCounts _lastCounts = RegionCounts.Zero;
    private (int Day, RegionCounts Counts) _dayStart = (int.MinValue, RegionCounts.Zero);

    // The child id its province's cluster grain reports under; null for the country (it has none of its own).
    private string? _clusterChildId;

    public Task<TurnoverMinutes> GetMinutes()
    {
        var minutes = _minutes ?? new MinuteSeries();
        NoteDay();
        return Task.FromResult(new TurnoverMinutes(minutes.Day, minutes.Today.ToArray(), minutes.Yesterday.ToArray(), minutes.FirstReading, _dayStart.Counts));
    }

    protected override void OnActivated()
    {
        _clusterChildId = Region.Level == RegionLevel.Country ? null : ClusterLinks.ChildId(Region.AncestorAt(RegionLevel.Province)!.Id);
        _lastCounts = CurrentCounts();
    }

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

    protected override IEnumerable<string> AlwaysAskedChildren => _clusterChildId is { } id ? [id] : [];

    protected override Task<ChildContribution> FiguresOf(string childId) =>
        ClusterLinks.IsClusterLink(childId, out var provinceId)
            ? GrainFactory.GetGrain<IClusterGrain>(provinceId).GetContribution(Region.Id)
            : base.FiguresOf(childId);

    protected override RegionCounts CurrentCounts()
    {
        // The children's counts carry their own cluster counts (a county's inside a city), and the
        // cluster grain's link carries only its count: an area below the country takes that one.
        var children = ChildrenTotal();
        if (_clusterChildId is not { } clusterChild)
        {
            return children;
        }

        return children with
        {
            Clusters = State.Children.TryGetValue(clusterChild, out var clusters) ? clusters.Counts.Clusters : State.ClusterCount,
        };
    }
}
