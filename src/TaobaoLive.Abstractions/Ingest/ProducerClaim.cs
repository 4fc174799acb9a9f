namespace TaobaoLive.Abstractions.Ingest;

/// <summary>The answer to <see cref="IProducerGrain.Claim"/>: per number, whether it is a duplicate.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ProducerClaim")]
public sealed record ProducerClaim(
    [property: Id(0)] Guid ClaimId,
    [property: Id(1)] bool[] Duplicate,
    [property: Id(2)] bool Busy);
