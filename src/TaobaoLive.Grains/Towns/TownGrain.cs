using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Domain.Time;
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
        Services.DayObservers.Add(this.GetGrainId());
        Evaluate(EvaluationTrigger.Activation);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Services.DayObservers.Remove(this.GetGrainId());
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task OnBusinessDayChanged(int today)
    {
        PruneAndAfterChange(EvaluationTrigger.DayChanged);
        return Task.CompletedTask;
    }

    protected override RegionCounts CurrentCounts() =>
        ChildrenTotal() with { TaobaoTowns = State.Status == RegionStatus.TaobaoTown ? 1 : 0, Clusters = 0 };

    protected override void Evaluate(EvaluationTrigger trigger)
    {
        var today = Services.Clock.Today;
        var children = ChildrenTotal();
        var verdict = TownRules.Evaluate(
            Services.Rules,
            new TownFigures(children.TaobaoVillages, Ledger.SumWithin(Services.Rules.TurnoverWindow, today), children.ActiveShops));
        var next = verdict.Qualifies ? RegionStatus.TaobaoTown : RegionStatus.None;
        if (next == State.Status)
        {
            return;
        }

        var eventTime = trigger == EvaluationTrigger.DayChanged ? BusinessCalendar.StartOf(today) : Services.Clock.Now;
        var cause = $"{CausePrefix(trigger)}{verdict.Reason}";
        var change = Transitions.Region(Region.Id, Region.Level, Region.Name, Region.Path, State.Status, next, eventTime, cause);
        State.Status = next;
        State.StatusSince = eventTime;
        State.StatusCause = cause;
        StatusHistory.Append(State.History, change, Services.Options.HistoryPerGrain);
        Services.Outbox.PostStatusChange(change);
        MarkDirty();
    }

    internal static string CausePrefix(EvaluationTrigger trigger) => trigger switch
    {
        EvaluationTrigger.DayChanged => "window slid to a new business day: ",
        EvaluationTrigger.Activation => "re-evaluated on activation: ",
        _ => string.Empty,
    };
}
