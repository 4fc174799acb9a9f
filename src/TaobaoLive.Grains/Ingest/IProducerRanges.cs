namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Durable store: the record numbers each producer has had committed, written with the batches'
/// journal entries (so a number counts as delivered exactly when its record is durably committed).
/// </summary>
public interface IProducerRanges
{
    bool Enabled { get; }

    Task<IReadOnlyList<(long First, long Last)>> Load(string producerId);
}

/// <summary>The in-memory store: the producer grain keeps its numbers in its own state.</summary>
public sealed class NoProducerRanges : IProducerRanges
{
    public static readonly NoProducerRanges Instance = new();

    public bool Enabled => false;

    public Task<IReadOnlyList<(long First, long Last)>> Load(string producerId) =>
        Task.FromResult<IReadOnlyList<(long First, long Last)>>([]);
}
