using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Abstractions.Shops;

/// <summary>One online shop, keyed by shop id. It must be registered to a village before it takes orders.</summary>
[Alias("TaobaoLive.IShopGrain")]
[GrainInterfaceType(ShopGrains.InterfaceTypeName)]
public interface IShopGrain : IGrainWithStringKey
{
    /// <summary>Registers the shop to a village (id); re-registering to the same village renames it, to another is refused.</summary>
    [Alias("Register")]
    Task<ShopRegistrationResult> Register(string villageId, string? name);

    /// <summary>The list is passed without a defensive copy: callers must not change it afterwards. Checks every record first; applies all of them or none. Indexes in errors are positions in <paramref name="orders"/>.</summary>
    [Alias("RecordOrders")]
    ValueTask<OrderBatchResult> RecordOrders([Immutable] IReadOnlyList<ShopOrder> orders);

    /// <summary>
    /// As <see cref="RecordOrders(IReadOnlyList{ShopOrder})"/> for a batch with an id (the ingest
    /// derives it from the request's Idempotency-Key): a batch the shop already applied is answered
    /// as accepted and not applied again, so a retry after a partial failure counts each order once.
    /// The shop remembers its last <c>ShopGrain.RememberedBatches</c> such ids.
    /// </summary>
    /// <remarks>
    /// ValueTask, not Task, on the methods the ingest calls once per shop per batch: the call then
    /// completes without a Task wrapper on either side (about 5% of the host's allocations under load).
    /// </remarks>
    [Alias("RecordBatch")]
    ValueTask<OrderBatchResult> RecordOrders(Guid batchId, [Immutable] IReadOnlyList<ShopOrder> orders);

    /// <summary>
    /// First phase of a batch that spans shops: checks the records and holds them (refunds reserve
    /// the turnover they take) until <see cref="Commit"/> or <see cref="Abort"/>; held records are
    /// dropped after 30 seconds. A batch id the shop already applied is answered as accepted and
    /// holds nothing; its commit then returns true without applying again.
    /// </summary>
    [Alias("Prepare")]
    ValueTask<OrderBatchResult> Prepare(Guid batchId, [Immutable] IReadOnlyList<ShopOrder> orders);

    /// <summary>Applies what <see cref="Prepare"/> held. Returns false if nothing is held under that id (expired or unknown).</summary>
    [Alias("Commit")]
    Task<bool> Commit(Guid batchId);

    [Alias("Abort")]
    Task Abort(Guid batchId);

    /// <summary>
    /// Durable store: applies records of a batch already checked and committed to the order journal
    /// at <paramref name="position"/>, without checking them again; an entry the shop holds already
    /// (a retry, a replay) is answered as accepted and not applied again.
    /// </summary>
    [Alias("ApplyCommitted")]
    ValueTask<OrderBatchResult> ApplyCommitted(JournalPosition position, [Immutable] IReadOnlyList<ShopOrder> orders);

    /// <summary>
    /// Durable store: as <see cref="ApplyCommitted"/> for records this shop held under
    /// <paramref name="holdId"/> by <see cref="Prepare"/> (the hold is released; if it expired the
    /// committed records are applied all the same: the journal already holds them).
    /// </summary>
    [Alias("CommitHeld")]
    ValueTask<OrderBatchResult> CommitHeld(Guid holdId, JournalPosition position, [Immutable] IReadOnlyList<ShopOrder> orders);

    /// <summary>
    /// Durable store: applies the parts of committed journal entries this shop does not hold yet
    /// (the journal keeper's recovery after a silo left, or after an activation's state write was
    /// refused). An inactive shop first activates from its stored state; it reads the journal for what
    /// that state lacks unless the call is a recovery's (marked in the request context), whose parts
    /// already hold it.
    /// </summary>
    [Alias("Replay")]
    Task Replay([Immutable] IReadOnlyList<JournalPart> parts);

    /// <summary>The village id the shop is registered to, or null.</summary>
    [Alias("GetVillageId")]
    Task<string?> GetVillageId();

    [Alias("GetState")]
    Task<ShopSnapshot> GetState();

    /// <summary>What the shop has reported to its village so far (for a village rebuilding itself).</summary>
    [Alias("GetContribution")]
    Task<ChildContribution> GetContribution();
}
