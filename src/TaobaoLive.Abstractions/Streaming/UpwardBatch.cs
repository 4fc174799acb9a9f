namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// One stream item carrying many children's reports for the same parent: each level coalesces, so
/// upward traffic grows with the number of grains and the flush rate, not with the order rate.
/// </summary>
/// <remarks>
/// The batch and the report types in it are serialized without reference tracking (they are
/// immutable trees, nothing in them is shared or cyclic): the memory stream serializes every batch,
/// and tracking each report overflowed the serializer's inline table into dictionaries, about 6% of
/// the host's allocations under load.
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("TaobaoLive.UpwardBatch`1")]
public sealed record UpwardBatch<T>([property: Id(0)] IReadOnlyList<T> Items);
