namespace TaobaoLive.Host.Api.Ingest;

/// <summary>An answer to an ingest request: status code and JSON body, storable for idempotent replay.</summary>
public sealed record IngestOutcome(int StatusCode, string Body);
