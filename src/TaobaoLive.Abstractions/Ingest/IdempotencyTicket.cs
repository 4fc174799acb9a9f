namespace TaobaoLive.Abstractions.Ingest;

[GenerateSerializer, Immutable]
[Alias("TaobaoLive.IdempotencyTicket")]
public sealed record IdempotencyTicket(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] int StatusCode,
    [property: Id(2)] string? Body);
