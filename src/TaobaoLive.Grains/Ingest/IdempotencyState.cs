namespace TaobaoLive.Grains.Ingest;

[GenerateSerializer]
[Alias("TaobaoLive.IdempotencyState")]
public sealed class IdempotencyState
{
    [Id(0)] public string? RequestHash { get; set; }

    [Id(1)] public int StatusCode { get; set; }

    [Id(2)] public string? Body { get; set; }

    [Id(3)] public DateTimeOffset? CompletedAt { get; set; }
}
