namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Where the answers to keyed requests are kept for <see cref="IdempotencyRecords.Retention"/>: with
/// the durable store in PostgreSQL, committed together with their batch's journal entry (so an
/// answer exists only for a batch that is durably committed); on the embedded host in this process
/// (<see cref="MemoryIdempotencyRecords"/>).
/// </summary>
public interface IIdempotencyRecords
{
    /// <summary>True when an accepted batch's answer is committed with the batch (the grain never keeps one itself).</summary>
    bool CommittedWithBatch { get; }

    /// <summary>The answer kept for <paramref name="key"/>, or null.</summary>
    Task<IdempotencyRecord?> Find(string key);

    /// <summary>Keeps a completed answer (a store that commits answers with their batch has it already and ignores this).</summary>
    void Keep(string key, IdempotencyRecord record);
}

/// <summary>A kept answer.</summary>
public sealed record IdempotencyRecord(string RequestHash, int StatusCode, string Body);

public static class IdempotencyRecords
{
    /// <summary>How long an answer is repeated for its key.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
}
