using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Orders;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Ingest;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// Takes a parsed batch all-or-nothing. Everything that can be checked here is checked before any
/// shop is touched: formats, duplicate order ids, the window and the future skew against the
/// business clock, and that every shop is registered. Shops whose records include refunds then go
/// through prepare/commit (a refund must not exceed what the shop holds for the day, which only the
/// shop knows); if any shop refuses, every prepared shop is aborted and nothing is applied.
/// Payment-only shops are applied in one call each. A batch with an Idempotency-Key carries an id
/// derived from the key to every shop, so a retry after a partial failure (a silo lost mid-batch)
/// applies each shop's records once: shops that took the first attempt recognise the id.
/// </summary>
/// <para>With the durable store the batch is committed to the order journal before any shop applies
/// it and before it is acknowledged (<see cref="IngestDurable"/>).</para>
public sealed class OrderIngest(
    IGrainFactory grains,
    BusinessClock clock,
    RuleSet rules,
    ShopRegistrations registrations,
    IOptions<PlatformHostOptions> options,
    StoreFailureLog? failures = null,
    OrderJournal? journal = null,
    IIdempotencyRecords? answers = null)
{
    /// <summary>True when a batch is acknowledged only once committed to PostgreSQL.</summary>
    public bool Durable => journal is not null;

    public int MaxRecords => options.Value.MaxBatchRecords;

    /// <summary>For the reader: ids of shops this silo has seen registered, to reuse their strings.</summary>
    public OrderBatchReader.KnownId KnownShop => _knownShop ??= registrations.KnownId;

    private OrderBatchReader.KnownId? _knownShop;

    /// <summary>The batch id of every attempt of one request (same Idempotency-Key, same body hash).</summary>
    public static Guid BatchIdOf(string idempotencyKey, string requestHash) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"orders:{idempotencyKey}:{requestHash}")).AsSpan(0, 16));

    /// <param name="batch">The parsed request.</param>
    /// <param name="batchId">From <see cref="BatchIdOf"/> for a keyed request, else null.</param>
    /// <param name="answerKey">Durable store: the idempotency record's key and request hash, committed with the batch.</param>
    /// <param name="producerId">A numbering producer (<c>Producer-Id</c>): records whose <c>seq</c> it delivered before are left out.</param>
    public async Task<IngestOutcome> Ingest(OrderBatch batch, Guid? batchId = null, (string Key, string Hash)? answerKey = null, string? producerId = null)
    {
        if (batch.Malformed.Count > 0)
        {
            return Errors(StatusCodes.Status400BadRequest, batch.Malformed);
        }

        if (batch.Records == 0)
        {
            return Errors(StatusCodes.Status422UnprocessableEntity, [new ApiError(-1, null, "the batch has no orders")]);
        }

        var errors = new List<ApiError>(batch.Invalid);
        CheckIdsAndTimes(batch.Orders, errors);
        if (producerId is not null)
        {
            CheckSequences(batch.Orders, errors);
        }

        var shops = ShopParts.Of(batch.Orders);
        await CheckRegistered(shops, batch.Orders, errors);

        if (errors.Count > 0)
        {
            return Errors(StatusCodes.Status422UnprocessableEntity, errors);
        }

        if (producerId is null)
        {
            return await Apply(batch, shops, batchId, answerKey, null);
        }

        // A numbering producer: leave out what it delivered before, hold the rest's numbers until
        // the batch is committed (applied, in memory) or not.
        var producer = grains.GetGrain<IProducerGrain>(producerId);
        var claim = await producer.Claim(batch.Orders.Select(o => o.Seq).ToArray());
        if (claim.Busy)
        {
            return new IngestOutcome(
                StatusCodes.Status409Conflict,
                JsonSerializer.Serialize(new ApiErrors([new ApiError(-1, "seq", $"another request of producer '{producerId}' is committing some of these records now; retry after 1 second")]), TaobaoLiveJson.Options),
                RetryAfterSeconds: 1);
        }

        var fresh = new OrderBatch(batch.Orders.Count);
        for (var i = 0; i < batch.Orders.Count; i++)
        {
            if (!claim.Duplicate[i])
            {
                fresh.Orders.Add(batch.Orders[i]);
            }
        }

        var duplicates = batch.Orders.Count - fresh.Orders.Count;
        IngestOutcome outcome;
        try
        {
            outcome = fresh.Orders.Count == 0
                ? Accepted(0, duplicates)
                : await Apply(fresh, fresh.Orders.Count == batch.Orders.Count ? shops : ShopParts.Of(fresh.Orders), batchId, answerKey, (producerId, duplicates));
        }
        catch
        {
            await producer.Release(claim.ClaimId);
            throw;
        }

        if (outcome.StatusCode == StatusCodes.Status200OK)
        {
            await producer.Confirm(claim.ClaimId);
        }
        else
        {
            await producer.Release(claim.ClaimId);
        }

        return outcome;
    }

    private IngestOutcome Accepted(int accepted, int duplicates) =>
        new(StatusCodes.Status200OK, JsonSerializer.Serialize(new IngestResult(accepted, clock.WallNow, duplicates), TaobaoLiveJson.Options));

    /// <summary>Every record of a numbering producer's batch carries its own number, once.</summary>
    private static void CheckSequences(List<ParsedOrder> orders, List<ApiError> errors)
    {
        var seen = new Dictionary<long, int>(orders.Count);
        foreach (var order in orders)
        {
            if (order.Seq < 0)
            {
                errors.Add(new ApiError(order.Index, "seq", "seq is required on every record when the request names a Producer-Id"));
            }
            else if (!seen.TryAdd(order.Seq, order.Index))
            {
                errors.Add(new ApiError(order.Index, "seq", $"seq {order.Seq} appears twice in this batch (first at index {seen[order.Seq]})"));
            }
        }
    }

    /// <summary>Applies a checked batch (in memory, or through the journal with the durable store).</summary>
    private async Task<IngestOutcome> Apply(OrderBatch batch, List<ShopPart> shops, Guid? batchId, (string Key, string Hash)? answerKey, (string Id, int Duplicates)? producer)
    {
        if (journal is not null)
        {
            return await IngestDurable(journal, batch, shops, batchId, answerKey, producer);
        }

        // Shops with a refund go through prepare/commit; the others take their records in one call.
        var withRefunds = new List<ShopPart>();
        var paymentsOnly = new List<ShopPart>(shops.Count);
        foreach (var part in shops)
        {
            (part.HasRefund ? withRefunds : paymentsOnly).Add(part);
        }

        var holdId = batchId ?? Guid.NewGuid();
        if (await HoldRefunds(withRefunds, holdId, batch.Orders) is { } refused)
        {
            return refused;
        }

        // One call per shop: the part of the batch that costs the most, so no LINQ around it.
        // Every call is in flight before the first is awaited; awaiting them in turn then costs no
        // Task per call (the calls return ValueTask) and no WhenAll.
        // An unkeyed batch takes the overload without an id: Orleans boxes every argument of a call
        // to look for cancellation tokens, a Guid once on each side.
        var calls = new List<ValueTask<OrderBatchResult>>(paymentsOnly.Count);
        foreach (var part in paymentsOnly)
        {
            var shop = ShopGrains.Get(grains, part.ShopId);
            calls.Add(batchId is { } id ? shop.RecordOrders(id, part.Orders) : shop.RecordOrders(part.Orders));
        }

        var committed = Task.WhenAll(withRefunds.Select(p => ShopGrains.Get(grains, p.ShopId).Commit(holdId)));
        var results = new OrderBatchResult[calls.Count];
        ExceptionDispatchInfo? failure = null;
        for (var i = 0; i < calls.Count; i++)
        {
            try
            {
                results[i] = await calls[i];
            }
            catch (Exception exception)
            {
                // As awaiting WhenAll would: every call is awaited, the first failure is thrown
                // (the cluster-fault middleware turns a lost silo into 503).
                failure ??= ExceptionDispatchInfo.Capture(exception);
            }
        }

        var commits = await committed;
        failure?.Throw();

        // Only a race can fail here (the clock crossing a window edge between the checks above and
        // the shop's own, or a hold expiring): say exactly which records were not applied.
        var late = new List<ApiError>();
        for (var i = 0; i < paymentsOnly.Count; i++)
        {
            AddShopErrors(late, batch.Orders, paymentsOnly[i], results[i], "not applied: ");
        }

        for (var i = 0; i < withRefunds.Count; i++)
        {
            if (!commits[i])
            {
                AddForEachRecord(late, batch.Orders, withRefunds[i].ShopId, null, "not applied: the shop's hold expired before commit");
            }
        }

        if (late.Count > 0)
        {
            return Errors(StatusCodes.Status409Conflict, late);
        }

        return Accepted(batch.Orders.Count, producer?.Duplicates ?? 0);
    }

    /// <summary>
    /// Durable store: shops with a refund check and hold their records first (only the shop knows
    /// its day's balance); then the whole batch is committed to the journal (with the answer to its
    /// key), and only then do the shops apply it and the client hear 200. A shop that cannot be
    /// reached after the commit (its silo lost) gets the entry from the journal keeper; the client
    /// has its 200 all the same, because the batch is committed.
    /// </summary>
    private async Task<IngestOutcome> IngestDurable(OrderJournal journal, OrderBatch batch, List<ShopPart> shops, Guid? batchId, (string Key, string Hash)? answerKey, (string Id, int Duplicates)? producer)
    {
        // A keyed batch holds its refunds under its batch id, so each retry replaces its earlier
        // attempt's holds instead of adding to them (an attempt cut short by a lost silo leaves them
        // for up to 30 s, and every one of them claims part of the day's turnover).
        var holdId = batchId ?? Guid.NewGuid();
        var withRefunds = shops.Where(p => p.HasRefund).ToList();
        if (await HoldRefunds(withRefunds, holdId, batch.Orders) is { } refused)
        {
            return refused;
        }

        var answer = JsonSerializer.Serialize(new IngestResult(batch.Orders.Count, clock.WallNow, producer?.Duplicates ?? 0), TaobaoLiveJson.Options);
        JournalPosition? committed;
        try
        {
            var body = OrderJournalCodec.Encode(shops.Select(p => (p.ShopId, (IReadOnlyList<ShopOrder>)p.Orders)).ToList());
            committed = await journal.AppendAsync(
                body,
                batch.Orders.Count,
                answerKey is { } keyed ? new IdempotencyAnswer(keyed.Key, keyed.Hash, StatusCodes.Status200OK, answer) : null,
                producer is { } numbered ? new ProducerRecords(numbered.Id, SequenceSet.RangesOf(batch.Orders.Select(o => o.Seq))) : null);
        }
        catch (JournalUnavailableException)
        {
            await ReleaseHolds(withRefunds, holdId);
            return new IngestOutcome(
                StatusCodes.Status503ServiceUnavailable,
                JsonSerializer.Serialize(new ApiErrors([new ApiError(-1, null, "the order store (PostgreSQL) is not taking writes now; nothing of this batch was applied; retry after 2 seconds with the same Idempotency-Key")]), TaobaoLiveJson.Options),
                RetryAfterSeconds: 2);
        }

        if (committed is not { } position)
        {
            // An earlier attempt of this request committed its batch (its key's answer is there):
            // nothing of this one was committed, and the client hears that attempt's answer.
            await ReleaseHolds(withRefunds, holdId);
            return await EarlierAnswer(answerKey!.Value.Key);
        }

        var calls = new List<ValueTask<OrderBatchResult>>(shops.Count);
        foreach (var part in shops)
        {
            var shop = ShopGrains.Get(grains, part.ShopId);
            calls.Add(part.HasRefund ? shop.CommitHeld(holdId, position, part.Orders) : shop.ApplyCommitted(position, part.Orders));
        }

        var reached = true;
        for (var i = 0; i < calls.Count; i++)
        {
            try
            {
                await calls[i];
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Committed: the journal keeper applies it to the shops this call missed.
                reached = false;
                failures?.Failed("Applying a committed batch to a shop (the journal keeper retries it)", exception);
            }
        }

        if (reached)
        {
            journal.Applied(position.Seq);
        }

        return new IngestOutcome(StatusCodes.Status200OK, answer);
    }

    /// <summary>The committed answer to <paramref name="key"/>, replayed (its batch was committed by an earlier attempt).</summary>
    private async Task<IngestOutcome> EarlierAnswer(string key)
    {
        if (answers is not null && await answers.Find(key) is { } earlier)
        {
            return new IngestOutcome(earlier.StatusCode, earlier.Body, Replayed: true);
        }

        // Only if the answer expired in the moment between the commit and this read.
        return Errors(StatusCodes.Status409Conflict, [new ApiError(-1, null, "an earlier request with this Idempotency-Key committed this batch; nothing of this one was applied")]);
    }

    /// <summary>
    /// Shops with a refund check and hold their records (a refund may not exceed what the shop holds
    /// for the day, which only the shop knows); if any refuses, every hold is released and the 422
    /// naming each refused record is returned, else null.
    /// </summary>
    private async Task<IngestOutcome?> HoldRefunds(List<ShopPart> withRefunds, Guid holdId, List<ParsedOrder> orders)
    {
        if (withRefunds.Count == 0)
        {
            return null;
        }

        var errors = new List<ApiError>();
        OrderBatchResult[] prepared;
        try
        {
            prepared = await Task.WhenAll(withRefunds.Select(p => ShopGrains.Get(grains, p.ShopId).Prepare(holdId, p.Orders).AsTask()));
        }
        catch
        {
            // A shop that could not answer (its silo lost): the others' holds go now, not in 30 s.
            try
            {
                await ReleaseHolds(withRefunds, holdId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures?.Failed("Releasing refund holds after a failed prepare (they expire by themselves)", exception);
            }

            throw;
        }

        for (var i = 0; i < withRefunds.Count; i++)
        {
            AddShopErrors(errors, orders, withRefunds[i], prepared[i], "");
        }

        if (errors.Count == 0)
        {
            return null;
        }

        await ReleaseHolds(withRefunds, holdId);
        return Errors(StatusCodes.Status422UnprocessableEntity, errors);
    }

    private async Task ReleaseHolds(List<ShopPart> withRefunds, Guid holdId)
    {
        if (withRefunds.Count > 0)
        {
            await Task.WhenAll(withRefunds.Select(p => ShopGrains.Get(grains, p.ShopId).Abort(holdId)));
        }
    }

    /// <summary>A shop's rejections carry positions in its part; the answer names positions in the batch.</summary>
    private static void AddShopErrors(List<ApiError> errors, List<ParsedOrder> orders, ShopPart part, OrderBatchResult result, string prefix)
    {
        // A loop, not a lambda: a lambda capturing the parameters would cost a closure on every call.
        if (result.Errors.Count == 0)
        {
            return;
        }

        var indexes = ShopParts.BatchIndexes(orders, part.ShopId);
        foreach (var error in result.Errors)
        {
            errors.Add(new ApiError(indexes[error.Index], error.Field, prefix + error.Message));
        }
    }

    /// <summary>One error for every record of a shop, at its batch position.</summary>
    private static void AddForEachRecord(List<ApiError> errors, List<ParsedOrder> orders, string shopId, string? field, string message)
    {
        foreach (var index in ShopParts.BatchIndexes(orders, shopId))
        {
            errors.Add(new ApiError(index, field, message));
        }
    }

    /// <summary>Shops seen before answer from the silo's cache; the others are one directory lookup (no grain call, so unknown ids activate nothing).</summary>
    private async Task CheckRegistered(List<ShopPart> shops, List<ParsedOrder> orders, List<ApiError> errors)
    {
        List<ShopPart>? unknown = null;
        foreach (var shop in shops)
        {
            if (!registrations.TryGetCached(shop.ShopId, out _))
            {
                (unknown ??= []).Add(shop);
            }
        }

        if (unknown is null)
        {
            return;
        }

        var villages = await registrations.VillagesOf(unknown.ConvertAll(p => p.ShopId));
        for (var i = 0; i < unknown.Count; i++)
        {
            if (villages[i] is null)
            {
                var shopId = unknown[i].ShopId;
                AddForEachRecord(errors, orders, shopId, "shopId", $"shop '{shopId}' is not registered; register it with POST /api/shops first");
            }
        }
    }

    private void CheckIdsAndTimes(List<ParsedOrder> orders, List<ApiError> errors)
    {
        using var lease = ScratchTable<string, int>.Borrow(orders.Count, StringComparer.Ordinal);
        var seen = lease.Table;
        var limits = clock.OrderLimits(rules.TurnoverWindow);
        foreach (var (index, _, order, _) in orders)
        {
            if (!seen.TryAdd(order.OrderId, index))
            {
                errors.Add(new ApiError(index, "orderId", OrderCheck.DuplicateId(order.OrderId, seen[order.OrderId])));
            }

            if (OrderCheck.PaidAt(order.PaidAt, limits) is { } paidAtProblem)
            {
                errors.Add(new ApiError(index, "paidAt", paidAtProblem));
            }
        }
    }

    private static IngestOutcome Errors(int status, IEnumerable<ApiError> errors) =>
        new(status, JsonSerializer.Serialize(new ApiErrors(errors.OrderBy(e => e.Index).ToList()), TaobaoLiveJson.Options));
}
