namespace TaobaoLive.Grains.Ingest;

/// <summary>In-memory store only: a producer's delivered numbers as ranges (the durable store keeps them in their own table).</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ProducerState")]
public sealed class ProducerState
{
    [Id(0)] public List<long> Firsts { get; set; } = [];

    [Id(1)] public List<long> Lasts { get; set; } = [];
}
