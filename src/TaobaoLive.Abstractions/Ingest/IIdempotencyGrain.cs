namespace TaobaoLive.Abstractions.Ingest;

/// <summary>
/// One <c>Idempotency-Key</c> (the grain key is the route plus the key): the first request runs, a
/// retry gets the stored answer and is never counted twice. Answers are kept for a day.
/// </summary>
[Alias("TaobaoLive.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// A request with this key starts, or hears the stored answer, or that one is running.
    /// <paramref name="attempt"/> names this request, so that it can give the key back even when the
    /// answer to this call was lost on the way (<see cref="Abandon"/>).
    /// </summary>
    [Alias("Begin")]
    Task<IdempotencyTicket> Begin(string requestHash, Guid attempt);

    [Alias("Complete")]
    Task Complete(int statusCode, string body);

    /// <summary>
    /// The request <paramref name="attempt"/> failed without an answer worth repeating (overload,
    /// crash, its Begin timed out): a retry runs again. Another attempt that is running keeps the key.
    /// </summary>
    [Alias("Abandon")]
    Task Abandon(Guid attempt);
}
