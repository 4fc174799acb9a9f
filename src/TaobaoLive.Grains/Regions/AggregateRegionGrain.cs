using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// A region whose children are regions (a town, county, city, province or the country): turnover as
/// day buckets, counts as the children's latest values. Subclasses add status rules.
/// </summary>
public abstract class AggregateRegionGrain(IPersistentState<AggregateState> persisted, PipelineServices services)
    : ParentGrain<AggregateState, ChildLink, RegionTurnover>(persisted, services)
{
    protected override (string ChildId, long Epoch, long FirstSeq, long LastSeq) Header(RegionTurnover report) =>
        (report.ChildId, report.Epoch, report.FirstSeq, report.LastSeq);

    protected override IReadOnlyList<DayTurnover> DaysOf(RegionTurnover report) => report.Days;

    protected override void Link(ChildLink link, RegionTurnover report) => link.Counts = report.Counts;

    protected override void Relink(ChildLink link, ChildContribution figures) => link.Counts = figures.Counts;

    protected override Task<ChildContribution> FiguresOf(string childId) =>
        RegionGrains.Get(GrainFactory, Services.Geography.FindById(childId)?.Level ?? throw new InvalidOperationException($"'{childId}' is not a region"), childId).GetContribution();

    protected override void PostUpward(Region parent, RegionTurnover report) => Services.Outbox.PostRegionTurnover(parent.Id, report);

    protected RegionCounts ChildrenTotal()
    {
        var total = RegionCounts.Zero;
        foreach (var child in State.Children.Values)
        {
            total = total.Plus(child.Counts);
        }

        return total;
    }
}
