namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// An answer to an ingest request: status code and JSON body, storable for idempotent replay;
/// <see cref="RetryAfterSeconds"/> for a 503 the client should retry; <see cref="Replayed"/> when it
/// is the answer an earlier attempt of the same keyed request committed.
/// </summary>
public sealed record IngestOutcome(int StatusCode, string Body, int? RetryAfterSeconds = null, bool Replayed = false);
