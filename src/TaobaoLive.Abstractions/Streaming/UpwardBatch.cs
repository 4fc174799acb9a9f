namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// One stream item carrying many children's reports for the same parent: each level coalesces, so
/// upward traffic grows with the number of grains and the flush rate, not with the order rate.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.UpwardBatch`1")]
public sealed record UpwardBatch<T>([property: Id(0)] IReadOnlyList<T> Items);
