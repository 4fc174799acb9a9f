using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Towns;

/// <summary>A town: sums its villages and decides Taobao town status with the active rule set.</summary>
[GrainType(GrainTypeNames.Town)]
[ImplicitStreamSubscription(StreamNames.TownInbox)]
[KeepAlive]
public sealed class TownGrain(
    [PersistentState("town", StorageNames.Grains)] IPersistentState<AggregateState> state,
    PipelineServices services) : AggregateRegionGrain(state, services), ITownGrain
{
    protected override void OnActivated()
    {
        Evaluate(EvaluationTrigger.Activation);
    }

    protected override RegionCounts CurrentCounts() =>
        ChildrenTotal() with { TaobaoTowns = State.Status == RegionStatus.TaobaoTown ? 1 : 0, Clusters = 0 };

    protected override void Evaluate(EvaluationTrigger trigger)
    {
        var children = ChildrenTotal();
        var verdict = TownRules.Evaluate(
            Services.Rules,
            new TownFigures(children.TaobaoVillages, Ledger.SumWithin(Services.Rules.TurnoverWindow, Services.Clock.Today), children.ActiveShops));
        SetStatus(verdict.Qualifies ? RegionStatus.TaobaoTown : RegionStatus.None, trigger, verdict.Reason);
    }
}
