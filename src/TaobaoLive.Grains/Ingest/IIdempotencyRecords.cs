namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Durable store: the answers to keyed requests, committed together with their batch's journal
/// entry (so an answer exists only for a batch that is durably committed).
/// </summary>
public interface IIdempotencyRecords
{
    bool Enabled { get; }

    /// <summary>The committed answer for <paramref name="key"/>, or null.</summary>
    Task<IdempotencyRecord?> Find(string key);
}

/// <summary>A committed answer.</summary>
public sealed record IdempotencyRecord(string RequestHash, int StatusCode, string Body);

/// <summary>The in-memory store: answers live in the idempotency grain's own state.</summary>
public sealed class NoIdempotencyRecords : IIdempotencyRecords
{
    public static readonly NoIdempotencyRecords Instance = new();

    public bool Enabled => false;

    public Task<IdempotencyRecord?> Find(string key) => Task.FromResult<IdempotencyRecord?>(null);
}
