using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// Everything a child (shop or region) has reported to its parent so far, as absolute values, with
/// the activation and the sequence number it has reached: what a parent rebuilds itself from when
/// its reports stop adding up (a child or the parent came back from older stored state). Reports
/// still in flight up to <see cref="Seq"/> are included, so the parent ignores them afterwards.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ChildContribution")]
public sealed record ChildContribution(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyList<DayTurnover> Days,
    [property: Id(3)] int LastPaidDay,
    [property: Id(4)] RegionCounts Counts);
