using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Villages;

/// <summary>
/// An administrative village, the parent of its shops: day buckets of their turnover, each shop's
/// newest paid day (for the active-shop count), and its Taobao village status, re-evaluated on
/// every batch of shop reports and at every business day change. Reports its numbers to its town
/// and its standing to its province's cluster grain. When its shops' reports stop adding up (a
/// shop or the village came back from older stored state after a crash, or reports were lost) it
/// rebuilds from its shops' own figures (see <see cref="ParentGrain{TState, TLink, TReport}"/>).
/// </summary>
// Kept active: a village with status must be told when the business day changes (DESIGN.md: status lapses on time).
[GrainType(RegionGrains.VillageTypeName)]
// Random, not Orleans' default resource-optimised placement: on silos with equal load that one
// prefers the calling silo, so every shop (and village) lands on whichever host takes the ingest.
[Orleans.Placement.RandomPlacement]
[ImplicitStreamSubscription(StreamNames.VillageInbox)]
[KeepAlive]
public sealed class VillageGrain(
    [PersistentState("village", StorageNames.Grains)] IPersistentState<VillageState> persisted,
    PipelineServices services) : ParentGrain<VillageState, ShopLink, ShopTurnover>(persisted, services), IVillageGrain
{
    private string _provinceId = null!;

    private RuleSet Rules => Services.Rules;

    protected override Region Resolve(string id) =>
        Services.Geography.FindById(id) is { Level: RegionLevel.Village } village
            ? village
            : throw new InvalidOperationException($"'{id}' is not a village of geography {Services.Geography.SourceName}.");

    protected override void OnActivated()
    {
        _provinceId = Region.AncestorAt(RegionLevel.Province)!.Id;
        Changed(EvaluationTrigger.Activation);
    }

    protected override (string ChildId, long Epoch, long FirstSeq, long LastSeq) Header(ShopTurnover report) =>
        (report.ShopId, report.Epoch, report.FirstSeq, report.LastSeq);

    protected override IReadOnlyList<DayTurnover> DaysOf(ShopTurnover report) => report.Days;

    protected override void Link(ShopLink link, ShopTurnover report) =>
        link.LastPaidDay = Math.Max(link.LastPaidDay, report.LastPaidDay);

    protected override void Relink(ShopLink link, ChildContribution figures) => link.LastPaidDay = figures.LastPaidDay;

    protected override Task<ChildContribution> FiguresOf(string childId) => ShopGrains.Get(GrainFactory, childId).GetContribution();

    // A village's parent is its town; its reports go to the town's inbox.
    protected override void PostUpward(Region parent, RegionTurnover report) =>
        Services.Outbox.PostVillageTurnover(Region.AncestorAt(RegionLevel.Town)!.Id, report);

    protected override int? Households => Region.Households;

    protected override RegionCounts CurrentCounts() => new(
        State.Shops.Count,
        ActiveShops(Services.Clock.Today),
        State.Status == RegionStatus.TaobaoVillage ? 1 : 0,
        0,
        0);

    protected override void Evaluate(EvaluationTrigger trigger)
    {
        var today = Services.Clock.Today;
        var annual = Ledger.SumWithin(Rules.TurnoverWindow, today);
        var verdict = VillageRules.Evaluate(Rules, new VillageFigures(annual, ActiveShops(today), Region.Households));
        SetStatus(verdict.Qualifies ? RegionStatus.TaobaoVillage : RegionStatus.None, trigger, verdict.Reason);
        ReportStanding(annual, EventTime(trigger));
    }

    private int ActiveShops(int today)
    {
        var firstActiveDay = Rules.ActivityWindow.FirstDay(today);
        var active = 0;
        foreach (var shop in State.Shops.Values)
        {
            if (shop.LastPaidDay >= firstActiveDay && shop.LastPaidDay <= today)
            {
                active++;
            }
        }

        return active;
    }

    /// <summary>
    /// The cluster grain needs a village's standing only while it is, or just stopped being, a Taobao
    /// village: other villages' turnover cannot change any cluster.
    /// </summary>
    private void ReportStanding(long annual, DateTimeOffset eventTime)
    {
        var qualified = State.Status == RegionStatus.TaobaoVillage;
        var changed = qualified != State.LastStandingQualified || (qualified && annual != State.LastStandingTurnover);
        if (!changed)
        {
            return;
        }

        State.StandingSeq++;
        State.LastStandingQualified = qualified;
        State.LastStandingTurnover = annual;
        Services.Outbox.PostStanding(_provinceId, new VillageStanding(Region.Id, State.StandingSeq, qualified, annual, eventTime, Epoch));
    }
}
