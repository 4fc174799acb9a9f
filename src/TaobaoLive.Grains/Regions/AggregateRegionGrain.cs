using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Rankings;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// A region that sums its children's reports (a town, county, city, province or the country):
/// turnover as day buckets, counts as the children's latest values. Subclasses add status rules.
/// Rebuilds itself from its children when their reports stop adding up, as villages do.
/// </summary>
public abstract class AggregateRegionGrain : Grain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<RegionTurnover>>
{
    private readonly IPersistentState<AggregateState> _persisted;
    private readonly DeferredStateWriter<AggregateState> _writer;
    private readonly Dictionary<int, long> _pendingDays = [];
    private DayLedger _ledger = new();
    private RankingReporter _ranking = null!;
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private readonly ChildRebuild _rebuild;

    protected AggregateRegionGrain(IPersistentState<AggregateState> persisted, PipelineServices services)
    {
        _persisted = persisted;
        Services = services;
        _writer = new DeferredStateWriter<AggregateState>(this, persisted, services.PersistInterval, () => State.Days = DayLedgers.ToState(_ledger));
        _rebuild = new ChildRebuild(this, () => Rebuild([]));
    }

    protected PipelineServices Services { get; }

    protected AggregateState State => _persisted.State;

    protected Region Region { get; private set; } = null!;

    protected DayLedger Ledger => _ledger;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        Region = Services.Geography.FindById(id)
            ?? throw new InvalidOperationException($"'{id}' is not a region of geography {Services.Geography.SourceName}.");
        _ledger = DayLedgers.FromState(State.Days);
        _ranking = new RankingReporter(Services.Outbox, Region.Level);
        OnActivated();
        await _rebuild.OnActivateAsync(_persisted, State.Children.Count > 0, Services.WritePolicy.Durable, cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _rebuild.OnDeactivateAsync(State, _writer, reason, cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected virtual void OnActivated()
    {
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<RegionTurnover>>().ResumeAsync(this);

    public async Task OnNextAsync(UpwardBatch<RegionTurnover> item, StreamSequenceToken? token = null)
    {
        var intake = ReportIntake.Take(
            item.Items,
            r => (r.ChildId, r.Epoch, r.FirstSeq, r.LastSeq),
            id => State.Children.TryGetValue(id, out var child) ? (child.Epoch, child.LastSeq) : null,
            Apply,
            Services.WritePolicy.Durable,
            _rebuild);
        if (intake.Gaps > 0)
        {
            State.Gaps += intake.Gaps;
            await Rebuild(intake.Unknown);
        }
        else if (intake.Applied)
        {
            PruneAndAfterChange(EvaluationTrigger.Reports);
        }
    }

    public Task<ChildContribution> GetContribution() => Task.FromResult(new ChildContribution(
        _epoch, State.UpSeq, LedgerRebuild.Reported(_ledger, _pendingDays), int.MinValue, State.LastReported ?? RegionCounts.Zero));

    /// <summary>Replaces the buckets and every child link with the children's own figures (see VillageGrain).</summary>
    private async Task Rebuild(IReadOnlyList<string> extraChildren)
    {
        var ids = State.Children.Keys.Concat(extraChildren).Distinct(StringComparer.Ordinal).ToList();
        if (await _rebuild.Fetch(ids, id => Child(id).GetContribution()) is not { } parts)
        {
            return;
        }

        _ledger = LedgerRebuild.Replace(_ledger, parts, _pendingDays);
        LedgerRebuild.Relink(ids, parts, State.Children, (link, part) => (link.Epoch, link.LastSeq, link.Counts) = (part.Epoch, part.Seq, part.Counts));

        PruneAndAfterChange(EvaluationTrigger.Reports);
    }

    private IRegionGrain Child(string childId) =>
        RegionGrains.Get(GrainFactory, Services.Geography.FindById(childId)?.Level ?? throw new InvalidOperationException($"'{childId}' is not a region"), childId);


    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<RegionSnapshot> GetState()
    {
        var today = Services.Clock.Today;
        return Task.FromResult(new RegionSnapshot(
            Region.Id,
            Region.Level,
            Region.Name,
            Region.Path,
            State.Status,
            _ledger.SumWithin(Services.Rules.TurnoverWindow, today),
            _ledger.On(today),
            CurrentCounts(),
            null,
            Services.Clock.Now,
            State.StatusSince,
            State.StatusCause,
            State.Gaps));
    }

    public Task<IReadOnlyList<StatusChanged>> GetHistory() =>
        Task.FromResult<IReadOnlyList<StatusChanged>>(State.History.ToList());

    /// <summary>The counts this region reports upward: its children's plus what it adds itself.</summary>
    protected abstract RegionCounts CurrentCounts();

    /// <summary>Re-evaluates status (if the level has one) after a change.</summary>
    protected virtual void Evaluate(EvaluationTrigger trigger)
    {
    }

    protected RegionCounts ChildrenTotal()
    {
        var total = RegionCounts.Zero;
        foreach (var child in State.Children.Values)
        {
            total = total.Plus(child.Counts);
        }

        return total;
    }

    protected void PruneAndAfterChange(EvaluationTrigger trigger)
    {
        _ledger.PruneBefore(Services.Rules.TurnoverWindow.FirstDay(Services.Clock.Today));
        Evaluate(trigger);
        ReportUpward();
        var today = Services.Clock.Today;
        _ranking.Report(new RankingEntry(Region.Id, State.Status, _ledger.SumWithin(Services.Rules.TurnoverWindow, today), today, _ledger.On(today)));
        AfterChange();
        _writer.MarkDirty();
    }

    /// <summary>Called after every applied change, once the numbers are current.</summary>
    protected virtual void AfterChange()
    {
    }

    protected void MarkDirty() => _writer.MarkDirty();

    private void Apply(RegionTurnover report)
    {
        if (!State.Children.TryGetValue(report.ChildId, out var link))
        {
            link = new ChildLink();
            State.Children[report.ChildId] = link;
        }

        link.Epoch = report.Epoch;
        link.LastSeq = report.LastSeq;
        link.Counts = report.Counts;
        foreach (var day in report.Days)
        {
            _ledger.Add(day.Day, day.Fen);
            _pendingDays[day.Day] = checked(_pendingDays.GetValueOrDefault(day.Day) + day.Fen);
        }
    }

    private void ReportUpward()
    {
        var parent = Region.Parent;
        var counts = CurrentCounts();
        if (parent is null || (_pendingDays.Count == 0 && counts == (State.LastReported ?? RegionCounts.Zero)))
        {
            _pendingDays.Clear();
            return;
        }

        var days = _pendingDays.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => new DayTurnover(kv.Key, kv.Value)).ToList();
        _pendingDays.Clear();
        State.UpSeq++;
        State.LastReported = counts;
        Services.Outbox.PostRegionTurnover(parent.Id, new RegionTurnover(Region.Id, State.UpSeq, State.UpSeq, days, counts, _epoch));
    }
}
