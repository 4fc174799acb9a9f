namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// A shop's turnover change for its village. Sequence numbers are per shop and contiguous:
/// a village ignores <see cref="LastSeq"/> it has already applied and counts a gap when
/// <see cref="FirstSeq"/> skips ahead. Several coalesced reports of one shop become one with a
/// wider sequence range.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ShopTurnover")]
public sealed record ShopTurnover(
    [property: Id(0)] string ShopId,
    [property: Id(1)] long FirstSeq,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] IReadOnlyList<DayTurnover> Days,
    [property: Id(4)] int LastPaidDay);
