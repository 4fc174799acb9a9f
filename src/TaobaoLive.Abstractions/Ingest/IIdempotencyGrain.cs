namespace TaobaoLive.Abstractions.Ingest;

/// <summary>
/// One <c>Idempotency-Key</c> (the grain key is the route plus the key): the first request runs, a
/// retry gets the stored answer and is never counted twice. Answers are kept for a day.
/// </summary>
[Alias("TaobaoLive.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("Begin")]
    Task<IdempotencyTicket> Begin(string requestHash);

    [Alias("Complete")]
    Task Complete(int statusCode, string body);

    /// <summary>The request failed without an answer worth repeating (overload, crash): a retry runs again.</summary>
    [Alias("Abandon")]
    Task Abandon();
}
