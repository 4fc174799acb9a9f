namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// An answer to an ingest request: status code and JSON body, storable for idempotent replay;
/// <see cref="RetryAfterSeconds"/> for a 503 the client should retry.
/// </summary>
public sealed record IngestOutcome(int StatusCode, string Body, int? RetryAfterSeconds = null);
