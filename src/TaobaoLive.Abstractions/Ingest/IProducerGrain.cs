namespace TaobaoLive.Abstractions.Ingest;

/// <summary>
/// One producer that numbers its records (<c>Producer-Id</c> header, <c>seq</c> on every record), as
/// Kafka's idempotent producer numbers its messages: a record whose number the platform has
/// committed before is a duplicate and is left out, however the producer batches its re-sends and
/// whatever Idempotency-Keys it uses. Numbers need not be consecutive or in order.
/// </summary>
[Alias("TaobaoLive.IProducerGrain")]
[GrainInterfaceType("taobaolive.producer")]
public interface IProducerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Which of <paramref name="seqs"/> were committed before (duplicates); the others are held for
    /// this claim until <see cref="Confirm"/> or <see cref="Release"/> (or a minute passes). Busy when
    /// another request of this producer holds one of them now.
    /// </summary>
    [Alias("Claim")]
    Task<ProducerClaim> Claim([Immutable] long[] seqs);

    /// <summary>The claim's records are committed: their numbers count as delivered from now on.</summary>
    [Alias("Confirm")]
    Task Confirm(Guid claimId);

    /// <summary>The claim's records were not committed: their numbers are free again.</summary>
    [Alias("Release")]
    Task Release(Guid claimId);
}
