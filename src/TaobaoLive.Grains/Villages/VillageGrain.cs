using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Rankings;
using TaobaoLive.Grains.Regions;
using TaobaoLive.Grains.Towns;

namespace TaobaoLive.Grains.Villages;

/// <summary>
/// An administrative village: day buckets of its shops' turnover, each shop's newest paid day (for
/// the active-shop count), and its Taobao village status, re-evaluated on every batch of shop
/// reports and at every business day change. Reports its numbers to its town and its standing to
/// its province's cluster grain. When its shops' reports stop adding up (a shop or the village came
/// back from older stored state after a crash, or reports were lost) it rebuilds its buckets from
/// its shops' own figures and reports the difference upward (DESIGN.md: any level can be rebuilt
/// from its children).
/// </summary>
// Kept active: a village with status must be told when the business day changes (DESIGN.md: status lapses on time).
[GrainType(RegionGrains.VillageTypeName)]
// Random, not Orleans' default resource-optimised placement: on silos with equal load that one
// prefers the calling silo, so every shop (and village) lands on whichever host takes the ingest.
[Orleans.Placement.RandomPlacement]
[ImplicitStreamSubscription(StreamNames.VillageInbox)]
[KeepAlive]
public sealed class VillageGrain : Grain, IVillageGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<ShopTurnover>>
{
    private readonly IPersistentState<VillageState> _persisted;
    private readonly PipelineServices _services;
    private readonly DeferredStateWriter<VillageState> _writer;
    private readonly Dictionary<int, long> _pendingDays = [];
    private DayLedger _ledger = new();
    private Region _village = null!;
    private string _townId = null!;
    private string _provinceId = null!;
    private RankingReporter _ranking = null!;

    // This activation's name in its reports upward (see ShopGrain).
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private readonly ChildRebuild _rebuild;

    public VillageGrain([PersistentState("village", StorageNames.Grains)] IPersistentState<VillageState> persisted, PipelineServices services)
    {
        _persisted = persisted;
        _services = services;
        _writer = new DeferredStateWriter<VillageState>(this, persisted, services.PersistInterval, () => State.Days = DayLedgers.ToState(_ledger));
        _rebuild = new ChildRebuild(this, () => Rebuild([]));
    }

    private VillageState State => _persisted.State;

    private RuleSet Rules => _services.Rules;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _village = _services.Geography.FindById(id) is { Level: RegionLevel.Village } village
            ? village
            : throw new InvalidOperationException($"'{id}' is not a village of geography {_services.Geography.SourceName}.");
        _townId = _village.AncestorAt(RegionLevel.Town)!.Id;
        _provinceId = _village.AncestorAt(RegionLevel.Province)!.Id;
        _ledger = DayLedgers.FromState(State.Days);
        _ranking = new RankingReporter(_services.Outbox, RegionLevel.Village);
        _services.DayObservers.Add(this.GetGrainId());
        AfterChange(EvaluationTrigger.Activation);
        await _rebuild.OnActivateAsync(_persisted, State.Shops.Count > 0, _services.WritePolicy.Durable, cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _services.DayObservers.Remove(this.GetGrainId());
        await _rebuild.OnDeactivateAsync(State, _writer, reason, cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<ShopTurnover>>().ResumeAsync(this);

    public async Task OnNextAsync(UpwardBatch<ShopTurnover> item, StreamSequenceToken? token = null)
    {
        var intake = ReportIntake.Take(
            item.Items,
            r => (r.ShopId, r.Epoch, r.FirstSeq, r.LastSeq),
            id => State.Shops.TryGetValue(id, out var shop) ? (shop.Epoch, shop.LastSeq) : null,
            Apply,
            _services.WritePolicy.Durable,
            _rebuild);
        if (intake.Gaps > 0)
        {
            // The shops' own figures include everything this batch carried.
            State.Gaps += intake.Gaps;
            await Rebuild(intake.Unknown);
        }
        else if (intake.Applied)
        {
            AfterChange(EvaluationTrigger.Reports);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task OnBusinessDayChanged(int today)
    {
        AfterChange(EvaluationTrigger.DayChanged);
        return Task.CompletedTask;
    }

    public Task<RegionSnapshot> GetState()
    {
        var today = _services.Clock.Today;
        return Task.FromResult(new RegionSnapshot(
            _village.Id,
            RegionLevel.Village,
            _village.Name,
            _village.Path,
            State.Status,
            _ledger.SumWithin(Rules.TurnoverWindow, today),
            _ledger.On(today),
            Counts(today),
            _village.Households,
            _services.Clock.Now,
            State.StatusSince,
            State.StatusCause,
            State.Gaps));
    }

    public Task<IReadOnlyList<StatusChanged>> GetHistory() =>
        Task.FromResult<IReadOnlyList<StatusChanged>>(State.History.ToList());

    private void Apply(ShopTurnover report)
    {
        if (!State.Shops.TryGetValue(report.ShopId, out var shop))
        {
            shop = new ShopLink();
            State.Shops[report.ShopId] = shop;
        }

        shop.Epoch = report.Epoch;
        shop.LastSeq = report.LastSeq;
        shop.LastPaidDay = Math.Max(shop.LastPaidDay, report.LastPaidDay);
        foreach (var day in report.Days)
        {
            _ledger.Add(day.Day, day.Fen);
            _pendingDays[day.Day] = checked(_pendingDays.GetValueOrDefault(day.Day) + day.Fen);
        }
    }

    /// <summary>
    /// Replaces the buckets and every shop link with the shops' own figures (grain calls are serial:
    /// no report is applied meanwhile, and reports still in flight up to each shop's sequence are
    /// ignored afterwards). The difference to the old buckets goes to the town as an ordinary
    /// report. If a shop cannot answer now (its silo just died), it is tried again shortly.
    /// </summary>
    private async Task Rebuild(IReadOnlyList<string> extraShops)
    {
        var ids = State.Shops.Keys.Concat(extraShops).Distinct(StringComparer.Ordinal).ToList();
        if (await _rebuild.Fetch(ids, id => ShopGrains.Get(GrainFactory, id).GetContribution()) is not { } parts)
        {
            return;
        }

        _ledger = LedgerRebuild.Replace(_ledger, parts, _pendingDays);
        LedgerRebuild.Relink(ids, parts, State.Shops, (link, part) => (link.Epoch, link.LastSeq, link.LastPaidDay) = (part.Epoch, part.Seq, part.LastPaidDay));

        AfterChange(EvaluationTrigger.Reports);
    }

    public Task<ChildContribution> GetContribution() => Task.FromResult(new ChildContribution(
        _epoch, State.TownSeq, LedgerRebuild.Reported(_ledger, _pendingDays), int.MinValue, State.LastReported ?? RegionCounts.Zero));

    private void AfterChange(EvaluationTrigger trigger)
    {
        var today = _services.Clock.Today;
        _ledger.PruneBefore(Rules.TurnoverWindow.FirstDay(today));
        var annual = _ledger.SumWithin(Rules.TurnoverWindow, today);
        var active = ActiveShops(today);
        var verdict = VillageRules.Evaluate(Rules, new VillageFigures(annual, active, _village.Households));
        var eventTime = trigger == EvaluationTrigger.DayChanged ? BusinessCalendar.StartOf(today) : _services.Clock.Now;
        var next = verdict.Qualifies ? RegionStatus.TaobaoVillage : RegionStatus.None;
        if (next != State.Status)
        {
            var cause = $"{TownGrain.CausePrefix(trigger)}{verdict.Reason}";
            var change = Transitions.Region(_village.Id, RegionLevel.Village, _village.Name, _village.Path, State.Status, next, eventTime, cause);
            State.Status = next;
            State.StatusSince = eventTime;
            State.StatusCause = cause;
            StatusHistory.Append(State.History, change, _services.Options.HistoryPerGrain);
            _services.Outbox.PostStatusChange(change);
            _writer.MarkDirty();
        }

        ReportToTown(today);
        ReportStanding(annual, eventTime);
        _ranking.Report(new RankingEntry(_village.Id, State.Status, annual, today, _ledger.On(today)));
        if (trigger != EvaluationTrigger.Activation)
        {
            _writer.MarkDirty();
        }
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

    private RegionCounts Counts(int today) => new(
        State.Shops.Count,
        ActiveShops(today),
        State.Status == RegionStatus.TaobaoVillage ? 1 : 0,
        0,
        0);

    private void ReportToTown(int today)
    {
        var counts = Counts(today);
        if (_pendingDays.Count == 0 && counts == (State.LastReported ?? RegionCounts.Zero))
        {
            return;
        }

        var days = _pendingDays.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => new DayTurnover(kv.Key, kv.Value)).ToList();
        _pendingDays.Clear();
        State.TownSeq++;
        State.LastReported = counts;
        _services.Outbox.PostVillageTurnover(_townId, new RegionTurnover(_village.Id, State.TownSeq, State.TownSeq, days, counts, _epoch));
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
        _services.Outbox.PostStanding(_provinceId, new VillageStanding(_village.Id, State.StandingSeq, qualified, annual, eventTime, _epoch));
    }
}
