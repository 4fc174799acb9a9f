using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions.Clock;
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
/// Every level that sums its children, a village (its shops) as much as a town, county, city,
/// province or the country (their child regions): takes the children's reports from its stream
/// inbox, applies those that follow on as day buckets, rebuilds from the children's own figures when
/// reports stop adding up (DESIGN.md: any level can be rebuilt from its children), re-evaluates and
/// reports its own numbers upward, and records status changes. A kind supplies what differs: how to
/// read its children's reports and figures, its counts, its status rules, where its reports go.
/// </summary>
/// <typeparam name="TState">The stored state.</typeparam>
/// <typeparam name="TLink">What the state keeps of one child.</typeparam>
/// <typeparam name="TReport">A child's report.</typeparam>
public abstract class ParentGrain<TState, TLink, TReport> : Grain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<TReport>>
    where TState : class, IParentState<TLink>
    where TLink : class, IChildLink, new()
{
    private readonly IPersistentState<TState> _persisted;
    private readonly DeferredStateWriter<TState> _writer;
    private readonly Dictionary<int, long> _pendingDays = [];
    private readonly ChildRebuild _rebuild;

    // This activation's name in its reports upward: the parent tells a restart from a re-delivery by it (see ShopGrain).
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private DayLedger _ledger = new();
    private RankingReporter _ranking = null!;

    protected ParentGrain(IPersistentState<TState> persisted, PipelineServices services)
    {
        _persisted = persisted;
        Services = services;
        _writer = new DeferredStateWriter<TState>(this, persisted, services.PersistInterval, () => State.Days = DayLedgers.ToState(_ledger), stale: services.Checkpoints.RegionStale);
        _rebuild = new ChildRebuild(this, () => Rebuild([]));
    }

    protected PipelineServices Services { get; }

    protected TState State => _persisted.State;

    protected Region Region { get; private set; } = null!;

    protected DayLedger Ledger => _ledger;

    /// <summary>This activation's epoch (see <see cref="GetContribution"/>).</summary>
    protected long Epoch => _epoch;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Region = Resolve(this.GetPrimaryKeyString());
        _ledger = DayLedgers.FromState(State.Days);
        _ranking = new RankingReporter(Services.Outbox, Region.Level);
        if (this is IBusinessDayObserver)
        {
            // Statuses that depend on the day (the activity window) are evaluated again when it turns.
            Services.DayObservers.Add(this.GetGrainId());
        }

        OnActivated();
        await _rebuild.OnActivateAsync(_persisted, State.Links.Count > 0, Services.WritePolicy.Durable, cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (this is IBusinessDayObserver)
        {
            Services.DayObservers.Remove(this.GetGrainId());
        }

        await _rebuild.OnDeactivateAsync(State, _writer, reason, cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The region of this grain's id (a kind may insist on its level).</summary>
    protected virtual Region Resolve(string id) =>
        Services.Geography.FindById(id) ?? throw new InvalidOperationException($"'{id}' is not a region of geography {Services.Geography.SourceName}.");

    /// <summary>Once the region and the stored numbers are loaded, before the rebuild a durable activation makes.</summary>
    protected virtual void OnActivated()
    {
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<TReport>>().ResumeAsync(this);

    public async Task OnNextAsync(UpwardBatch<TReport> item, StreamSequenceToken? token = null)
    {
        var intake = ReportIntake.Take(
            item.Items,
            Header,
            id => State.Links.TryGetValue(id, out var link) ? (link.Epoch, link.LastSeq) : null,
            Apply,
            Services.WritePolicy.Durable,
            _rebuild);
        if (intake.Gaps > 0)
        {
            // The children's own figures include everything this batch carried.
            State.Gaps += intake.Gaps;
            await Rebuild(intake.Unknown);
        }
        else if (intake.Applied)
        {
            Changed(EvaluationTrigger.Reports);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>A report's child id, the child activation's epoch and the report's sequence range.</summary>
    protected abstract (string ChildId, long Epoch, long FirstSeq, long LastSeq) Header(TReport report);

    /// <summary>A report's change to each business day's turnover.</summary>
    protected abstract IReadOnlyList<DayTurnover> DaysOf(TReport report);

    /// <summary>What the link keeps of a report besides epoch and sequence.</summary>
    protected abstract void Link(TLink link, TReport report);

    /// <summary>What the link keeps of a child's own figures besides epoch and sequence (after a rebuild).</summary>
    protected abstract void Relink(TLink link, ChildContribution figures);

    /// <summary>Asks a child for its own figures.</summary>
    protected abstract Task<ChildContribution> FiguresOf(string childId);

    /// <summary>The counts this region reports upward: its children's plus what it adds itself.</summary>
    protected abstract RegionCounts CurrentCounts();

    /// <summary>Sends a report of this region's change to its parent.</summary>
    protected abstract void PostUpward(Region parent, RegionTurnover report);

    /// <summary>Re-evaluates status (if the level has one) after a change; see <see cref="SetStatus"/>.</summary>
    protected virtual void Evaluate(EvaluationTrigger trigger)
    {
    }

    /// <summary>Called after every applied change, once the numbers are current and reported.</summary>
    protected virtual void AfterChange()
    {
    }

    /// <summary>Children a rebuild asks whether or not this grain has heard from them yet (an area: its province's cluster grain).</summary>
    protected virtual IEnumerable<string> AlwaysAskedChildren => [];

    /// <summary>Households for the snapshot (villages know theirs).</summary>
    protected virtual int? Households => null;

    protected void MarkDirty() => _writer.MarkDirty();

    /// <summary>
    /// After any change: drops days that left the window, re-evaluates, reports upward what changed
    /// (turnover by day and counts) and this region's standing in its level's ranking.
    /// </summary>
    protected void Changed(EvaluationTrigger trigger)
    {
        var today = Services.Clock.Today;
        var window = Services.Rules.TurnoverWindow;
        _ledger.PruneBefore(window.FirstDay(today));
        Evaluate(trigger);
        ReportUpward();
        _ranking.Report(new RankingEntry(Region.Id, State.Status, _ledger.SumWithin(window, today), today, _ledger.On(today)));
        AfterChange();
        if (trigger != EvaluationTrigger.Activation)
        {
            _writer.MarkDirty();
        }
    }

    /// <summary>When a change found by <paramref name="trigger"/> took effect: the start of the new day, or now.</summary>
    protected DateTimeOffset EventTime(EvaluationTrigger trigger) =>
        trigger == EvaluationTrigger.DayChanged ? BusinessCalendar.StartOf(Services.Clock.Today) : Services.Clock.Now;

    /// <summary>Moves to status <paramref name="next"/> (if it differs): recorded, kept in the history and announced.</summary>
    protected void SetStatus(RegionStatus next, EvaluationTrigger trigger, string reason)
    {
        if (next == State.Status)
        {
            return;
        }

        var eventTime = EventTime(trigger);
        var cause = $"{CausePrefix(trigger)}{reason}";
        var change = Transitions.Region(Region.Id, Region.Level, Region.Name, Region.Path, State.Status, next, eventTime, cause);
        State.Status = next;
        State.StatusSince = eventTime;
        State.StatusCause = cause;
        StatusHistory.Append(State.History, change, Services.Options.HistoryPerGrain);
        Services.Outbox.PostStatusChange(change);
        _writer.MarkDirty();
    }

    internal static string CausePrefix(EvaluationTrigger trigger) => trigger switch
    {
        EvaluationTrigger.DayChanged => "window slid to a new business day: ",
        EvaluationTrigger.Activation => "re-evaluated on activation: ",
        _ => string.Empty,
    };

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
            Households,
            Services.Clock.Now,
            State.StatusSince,
            State.StatusCause,
            State.Gaps));
    }

    public Task<IReadOnlyList<StatusChanged>> GetHistory() =>
        Task.FromResult<IReadOnlyList<StatusChanged>>(State.History.ToList());

    /// <summary>What this region has reported upward: its parent rebuilds from these.</summary>
    public Task Reconcile() => Rebuild([]);

    /// <summary>For the kinds that observe the business day (villages and towns).</summary>
    public Task OnBusinessDayChanged(int today)
    {
        Changed(EvaluationTrigger.DayChanged);
        return Task.CompletedTask;
    }

    public Task<ChildContribution> GetContribution() => Task.FromResult(new ChildContribution(
        _epoch, State.UpSeq, LedgerRebuild.Reported(_ledger, _pendingDays), int.MinValue, State.LastReported ?? RegionCounts.Zero));

    private void Apply(TReport report)
    {
        var (childId, epoch, _, lastSeq) = Header(report);
        if (!State.Links.TryGetValue(childId, out var link))
        {
            link = new TLink();
            State.Links[childId] = link;
        }

        link.Epoch = epoch;
        link.LastSeq = lastSeq;
        Link(link, report);
        foreach (var day in DaysOf(report))
        {
            _ledger.Add(day.Day, day.Fen);
            _pendingDays[day.Day] = checked(_pendingDays.GetValueOrDefault(day.Day) + day.Fen);
        }
    }

    /// <summary>
    /// Replaces the buckets and every link with the children's own figures (grain calls are serial:
    /// no report is applied meanwhile, and reports still in flight up to each child's sequence are
    /// ignored afterwards). The difference to the old buckets goes upward as an ordinary report. If a
    /// child cannot answer now (its silo just died), it is tried again shortly.
    /// </summary>
    private async Task Rebuild(IReadOnlyList<string> extraChildren)
    {
        var ids = State.Links.Keys.Concat(extraChildren).Concat(AlwaysAskedChildren).Distinct(StringComparer.Ordinal).ToList();
        if (await _rebuild.Fetch(ids, FiguresOf) is not { } parts)
        {
            return;
        }

        _ledger = LedgerRebuild.Replace(_ledger, parts, _pendingDays);
        LedgerRebuild.Relink(ids, parts, State.Links, (link, part) =>
        {
            link.Epoch = part.Epoch;
            link.LastSeq = part.Seq;
            Relink(link, part);
        });

        Changed(EvaluationTrigger.Reports);
    }

    private void ReportUpward()
    {
        var counts = CurrentCounts();
        if (Region.Parent is not { } parent || (_pendingDays.Count == 0 && counts == (State.LastReported ?? RegionCounts.Zero)))
        {
            _pendingDays.Clear();
            return;
        }

        var days = _pendingDays.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => new DayTurnover(kv.Key, kv.Value)).ToList();
        _pendingDays.Clear();
        State.UpSeq++;
        State.LastReported = counts;
        PostUpward(parent, new RegionTurnover(Region.Id, State.UpSeq, State.UpSeq, days, counts, _epoch));
    }
}
