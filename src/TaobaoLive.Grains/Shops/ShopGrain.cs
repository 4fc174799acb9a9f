using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Orders;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Shops;

/// <summary>
/// One online shop. Takes batches of orders and refunds, checks every record first and applies all or
/// none, keeps its own day buckets (integer fen, China Standard Time days) and reports each accepted
/// batch's per-day change to its village through the silo's coalescing outbox.
/// </summary>
[GrainType(ShopGrains.GrainTypeName)]
// Random, not Orleans' default resource-optimised placement: on silos with equal load that one
// prefers the calling silo, so every shop (and village) lands on whichever host takes the ingest.
[Orleans.Placement.RandomPlacement]
public sealed class ShopGrain : Grain, IShopGrain
{
    private readonly IPersistentState<ShopState> _persisted;
    private readonly PipelineServices _services;
    private readonly DeferredStateWriter<ShopState> _writer;
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many keyed batch ids a shop remembers: a retry is recognised as long as the shop took
    /// fewer keyed batches than this in between. Unkeyed traffic stores nothing.
    /// </summary>
    public const int RememberedBatches = 16;

    // Created on the first prepared batch: most shops never hold one, and 100,000 empty dictionaries cost 8 MB.
    private Dictionary<Guid, (IReadOnlyList<ShopOrder> Orders, DateTimeOffset Expires)>? _held;
    private DayLedger _ledger = new();

    // The village's outbox buffer, found on the first report (a shop never changes village).
    private UpwardInbox<ShopTurnover>? _inbox;

    // This activation's name in its reports: a village tells a restart from a re-delivery by it.
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);

    public ShopGrain([PersistentState("shop", StorageNames.Grains)] IPersistentState<ShopState> persisted, PipelineServices services)
    {
        _persisted = persisted;
        _services = services;
        _writer = new DeferredStateWriter<ShopState>(
            this,
            persisted,
            services.PersistInterval,
            tracker: services.Journal.Enabled ? services.Checkpoints : null,
            wheel: services.Journal.Enabled ? services.WriteWheel : null,
            snapshot: () => State.CopyWith(DayLedgers.ToState(_ledger)));
    }

    // The shop's live state: the stored one as read at activation, then changed in place. What a
    // write stores is a copy taken as the write starts (the writer's snapshot), so the calls that
    // run while the write is under way never change what it stores.
    private ShopState? _live;

    private ShopState State => _live ??= _persisted.State;

    private UpwardInbox<ShopTurnover> Inbox => _inbox ??= _services.Outbox.VillageInbox(State.VillageId!);

    /// <summary>
    /// With the durable store a shop whose stored state was not left by a graceful stop (its silo
    /// crashed) first applies the committed journal entries that state lacks (read here, unless the
    /// call that activates it is a recovery's replay, which brings them: <see cref="RecoveryReplay"/>);
    /// a clean state is marked unclean in storage at once, so a crash from here on is noticed by the
    /// next activation.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = DayLedgers.FromState(State.Days);
        if (!_services.Journal.Enabled || State.VillageId is null)
        {
            return;
        }

        WriterMarks.Sort(State.Journal);
        if (State.Clean)
        {
            State.Clean = false;
            await _persisted.WriteStateAsync(cancellationToken);
        }
        else if (!RecoveryReplay.PartsFollow())
        {
            var parts = await _services.Journal.PartsFor(this.GetPrimaryKeyString(), cancellationToken);
            for (var i = 0; i < parts.Count; i++)
            {
                ApplyCommittedPart(parts[i].Position, parts[i].Orders, parts[i].AppliedAt);
            }
        }

        // A sign of life under this activation's epoch, even with nothing to replay: a report the
        // last activation posted may have died in its silo's outbox or stream queue after the state
        // was written, and without a later order the village would never hear of it. The village
        // applies this one if it follows on, and rebuilds from its shops if it does not.
        ReportNoChange();
        _writer.MarkDirty();
    }

    /// <summary>A report that changes no day: tells the village this shop exists under this activation's epoch.</summary>
    private void ReportNoChange()
    {
        State.Seq++;
        Inbox.Post(new ShopTurnover(this.GetPrimaryKeyString(), State.Seq, State.Seq, [], LastPaidDay, _epoch));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_services.Journal.Enabled && State.VillageId is not null)
        {
            State.Clean = true;
            await _writer.OnDeactivateAsync(reason, cancellationToken, force: true);
        }
        else
        {
            await _writer.OnDeactivateAsync(reason, cancellationToken);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<ShopRegistrationResult> Register(string villageId, string? name)
    {
        if (_services.Geography.FindById(villageId) is not { Level: RegionLevel.Village } village)
        {
            return new ShopRegistrationResult(false, $"'{villageId}' is not a village id of geography {_services.Geography.SourceName}.");
        }

        if (State.VillageId is not null && State.VillageId != village.Id)
        {
            return new ShopRegistrationResult(false, $"shop '{this.GetPrimaryKeyString()}' is already registered to village {State.VillageId}; moving shops between villages is not supported.");
        }

        var isNew = State.VillageId is null;
        State.VillageId = village.Id;
        State.Name = string.IsNullOrWhiteSpace(name) ? State.Name : name.Trim();
        if (isNew)
        {
            // An empty report makes the village count the shop before its first sale.
            ReportNoChange();
        }

        if (_services.WritePolicy.Durable)
        {
            // Registration is rare and must not be lost to a crash before the next timed write
            // (through the writer: a timed write may be under way).
            await _writer.WriteNowAsync();
        }
        else
        {
            _writer.MarkDirty();
        }

        _services.Directory.Registered(this.GetPrimaryKeyString(), village.Id);
        return new ShopRegistrationResult(true, null);
    }

    public ValueTask<OrderBatchResult> RecordOrders(IReadOnlyList<ShopOrder> orders) => RecordOrders(Guid.Empty, orders);

    public ValueTask<OrderBatchResult> RecordOrders(Guid batchId, IReadOnlyList<ShopOrder> orders)
    {
        if (AlreadyApplied(batchId))
        {
            return ValueTask.FromResult(OrderBatchResult.AcceptedAll(orders.Count));
        }

        if (Check(orders) is { } errors)
        {
            return ValueTask.FromResult(new OrderBatchResult(0, errors));
        }

        Apply(orders, batchId);
        return ValueTask.FromResult(OrderBatchResult.AcceptedAll(orders.Count));
    }

    public ValueTask<OrderBatchResult> Prepare(Guid batchId, IReadOnlyList<ShopOrder> orders)
    {
        DropExpiredHolds();
        if (AlreadyApplied(batchId))
        {
            return ValueTask.FromResult(OrderBatchResult.AcceptedAll(orders.Count));
        }

        if (Check(orders) is { } errors)
        {
            return ValueTask.FromResult(new OrderBatchResult(0, errors));
        }

        (_held ??= [])[batchId] = (orders, _services.Clock.WallNow + HoldTimeout);
        return ValueTask.FromResult(OrderBatchResult.AcceptedAll(orders.Count));
    }

    public Task<bool> Commit(Guid batchId)
    {
        if (_held is null || !_held.Remove(batchId, out var held))
        {
            return Task.FromResult(AlreadyApplied(batchId));
        }

        Apply(held.Orders, batchId);
        return Task.FromResult(true);
    }

    public ValueTask<OrderBatchResult> ApplyCommitted(JournalPosition position, IReadOnlyList<ShopOrder> orders)
    {
        ApplyCommittedPart(position, orders);
        return ValueTask.FromResult(OrderBatchResult.AcceptedAll(orders.Count));
    }

    public ValueTask<OrderBatchResult> CommitHeld(Guid holdId, JournalPosition position, IReadOnlyList<ShopOrder> orders)
    {
        _held?.Remove(holdId);
        return ApplyCommitted(position, orders);
    }

    public Task Replay(IReadOnlyList<JournalPart> parts)
    {
        if (_services.Journal.Enabled && State.VillageId is not null)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                ApplyCommittedPart(parts[i].Position, parts[i].Orders, parts[i].AppliedAt);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Applies a committed journal entry's records once, whether they come live, from a retry or from a replay.</summary>
    private void ApplyCommittedPart(JournalPosition position, IReadOnlyList<ShopOrder> orders, DateTimeOffset? appliedAt = null)
    {
        if (WriterMarks.TryTake(State.Journal ??= [], position, _services.Clock.WallNow))
        {
            Apply(orders, Guid.Empty);
            _writer.MarkDirty(appliedAt);
        }
    }

    public Task Abort(Guid batchId)
    {
        _held?.Remove(batchId);
        return Task.CompletedTask;
    }

    public Task<string?> GetVillageId() => Task.FromResult(State.VillageId);

    private void DropExpiredHolds()
    {
        if (_held is not { Count: > 0 })
        {
            return;
        }

        var now = _services.Clock.WallNow;
        foreach (var expired in _held.Where(h => h.Value.Expires <= now).Select(h => h.Key).ToList())
        {
            _held.Remove(expired);
        }
    }

    private bool AlreadyApplied(Guid batchId) =>
        batchId != Guid.Empty && State.AppliedBatches is { } applied && applied.Contains(batchId);

    private void Apply(IReadOnlyList<ShopOrder> orders, Guid batchId)
    {
        if (orders.Count == 0)
        {
            return;
        }

        if (batchId != Guid.Empty)
        {
            var applied = State.AppliedBatches ??= new List<Guid>(1);
            if (applied.Count == RememberedBatches)
            {
                applied.RemoveAt(0);
            }

            applied.Add(batchId);
        }

        // A batch nearly always touches one or two days: a short span in day order, then an exact
        // array for the report (one object where a list would be two, on both sides of the stream).
        Span<DayTurnover> changes = orders.Count <= 16 ? stackalloc DayTurnover[orders.Count] : new DayTurnover[orders.Count];
        var days = 0;
        var newestPaid = State.LastPaidAt;
        // Index loops over the list throughout: foreach over IReadOnlyList allocates an enumerator.
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var day = BusinessCalendar.DayOf(order.PaidAt);
            var fen = order.Kind == OrderKind.Refund ? -order.AmountFen : order.AmountFen;
            _ledger.Add(day, fen);
            days = AddChange(changes, days, day, fen);
            if (order.Kind == OrderKind.Payment)
            {
                State.Orders++;
                if (newestPaid is null || order.PaidAt > newestPaid)
                {
                    newestPaid = order.PaidAt;
                }
            }
            else
            {
                State.Refunds++;
            }
        }

        State.LastPaidAt = newestPaid;
        State.Seq++;
        Inbox.Post(new ShopTurnover(this.GetPrimaryKeyString(), State.Seq, State.Seq, UpwardCoalescing.NonZero(changes[..days]), LastPaidDay, _epoch));
        if (newestPaid is { } newest)
        {
            _services.Clock.Observe(newest);
        }

        _ledger.PruneBefore(_services.Rules.TurnoverWindow.FirstDay(_services.Clock.Today));
        _services.Orders.Add(orders.Count);
        _writer.MarkDirty();
    }

    /// <summary>Adds to the day's change, keeping the first <paramref name="count"/> entries in day order; returns the new count.</summary>
    private static int AddChange(Span<DayTurnover> changes, int count, int day, long fen)
    {
        var i = 0;
        while (i < count && changes[i].Day < day)
        {
            i++;
        }

        if (i < count && changes[i].Day == day)
        {
            changes[i] = changes[i] with { Fen = changes[i].Fen + fen };
            return count;
        }

        changes[i..count].CopyTo(changes[(i + 1)..]);
        changes[i] = new DayTurnover(day, fen);
        return count + 1;
    }

    /// <summary>Every applied change is reported as it is applied, so the ledger is exactly what was reported.</summary>
    public Task<ChildContribution> GetContribution() => Task.FromResult(new ChildContribution(
        _epoch,
        State.Seq,
        DayLedgers.ToState(_ledger),
        LastPaidDay,
        RegionCounts.Zero));

    /// <summary>Business day of the newest paid order; <see cref="int.MinValue"/> if none.</summary>
    private int LastPaidDay => State.LastPaidAt is { } paid ? BusinessCalendar.DayOf(paid) : int.MinValue;

    public Task<ShopSnapshot> GetState()
    {
        var clock = _services.Clock;
        var today = clock.Today;
        var rules = _services.Rules;
        var active = State.LastPaidAt is { } paid && rules.ActivityWindow.Contains(BusinessCalendar.DayOf(paid), today);
        return Task.FromResult(new ShopSnapshot(
            this.GetPrimaryKeyString(),
            State.VillageId is not null,
            State.VillageId,
            State.Name,
            _ledger.SumWithin(rules.TurnoverWindow, today),
            _ledger.On(today),
            active,
            State.LastPaidAt,
            State.Orders,
            State.Refunds,
            clock.Now));
    }

    private const int ScanDuplicatesUpTo = 8;

    /// <summary>Position of the first earlier record with the same order id, or -1.</summary>
    private static int EarlierIndexOf(IReadOnlyList<ShopOrder> orders, int index)
    {
        var id = orders[index].OrderId;
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(orders[j].OrderId, id, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static bool HasRefund(IReadOnlyList<ShopOrder> orders)
    {
        for (var i = 0; i < orders.Count; i++)
        {
            if (orders[i].Kind == OrderKind.Refund)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refunds held by prepared batches already claim part of a day's turnover.</summary>
    private long HeldRefunds(int day)
    {
        long held = 0;
        if (_held is null)
        {
            return 0;
        }

        foreach (var (orders, _) in _held.Values)
        {
            for (var i = 0; i < orders.Count; i++)
            {
                var order = orders[i];
                if (order.Kind == OrderKind.Refund && BusinessCalendar.DayOf(order.PaidAt) == day)
                {
                    held += order.AmountFen;
                }
            }
        }

        return held;
    }

    /// <summary>Every record's problem, or null when the batch can be applied (the common case allocates nothing).</summary>
    private List<OrderRejection>? Check(IReadOnlyList<ShopOrder> orders)
    {
        List<OrderRejection>? errors = null;
        if (State.VillageId is null)
        {
            var shopId = this.GetPrimaryKeyString();
            errors = new List<OrderRejection>(orders.Count);
            for (var i = 0; i < orders.Count; i++)
            {
                errors.Add(new OrderRejection(i, "shopId", $"shop '{shopId}' is not registered; register it to a village first"));
            }

            return errors;
        }

        var limits = _services.Clock.OrderLimits(_services.Rules.TurnoverWindow);
        // Most calls carry a few orders and no refund: a duplicate table only for longer batches
        // (shorter ones are scanned), the balance table only when there is a refund.
        var seen = orders.Count > ScanDuplicatesUpTo ? new Dictionary<string, int>(orders.Count, StringComparer.Ordinal) : null;
        // Refunds may not exceed what the shop holds for the day, counting this batch's own records in order.
        var dayBalance = HasRefund(orders) ? new Dictionary<int, long>() : null;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (OrderCheck.Id("orderId", order.OrderId) is { } idProblem)
            {
                (errors ??= []).Add(new OrderRejection(i, "orderId", idProblem));
                continue;
            }

            var first = seen is null ? EarlierIndexOf(orders, i) : seen.TryAdd(order.OrderId, i) ? -1 : seen[order.OrderId];
            if (first >= 0)
            {
                (errors ??= []).Add(new OrderRejection(i, "orderId", OrderCheck.DuplicateId(order.OrderId, first)));
                continue;
            }

            if (OrderCheck.Amount(order.AmountFen) is { } amountProblem)
            {
                (errors ??= []).Add(new OrderRejection(i, "amount", amountProblem));
                continue;
            }

            if (OrderCheck.PaidAt(order.PaidAt, limits) is { } paidAtProblem)
            {
                (errors ??= []).Add(new OrderRejection(i, "paidAt", paidAtProblem));
                continue;
            }

            var day = BusinessCalendar.DayOf(order.PaidAt);

            if (dayBalance is null)
            {
                continue;
            }

            if (!dayBalance.TryGetValue(day, out var balance))
            {
                balance = _ledger.On(day) - HeldRefunds(day);
            }

            if (order.Kind == OrderKind.Refund)
            {
                if (OrderCheck.Refund(order.AmountFen, balance, day) is { } refundProblem)
                {
                    (errors ??= []).Add(new OrderRejection(i, "amount", refundProblem));
                    continue;
                }

                dayBalance[day] = balance - order.AmountFen;
            }
            else
            {
                dayBalance[day] = checked(balance + order.AmountFen);
            }
        }

        return errors;
    }
}
