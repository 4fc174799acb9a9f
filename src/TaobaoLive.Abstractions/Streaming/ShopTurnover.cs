namespace TaobaoLive.Abstractions.Streaming;

/// <summary>
/// A shop's turnover change for its village. Sequence numbers are per shop and contiguous:
/// a village ignores <see cref="LastSeq"/> it has already applied and counts a gap when
/// <see cref="FirstSeq"/> skips ahead. Several coalesced reports of one shop become one with a
/// wider sequence range. <see cref="Epoch"/> names the shop's activation: a new epoch whose range
/// does not follow on from the last one applied means the shop came back from older stored state
/// (a crash), and the village rebuilds from its shops.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("TaobaoLive.ShopTurnover")]
public sealed record ShopTurnover(
    [property: Id(0)] string ShopId,
    [property: Id(1)] long FirstSeq,
    [property: Id(2)] long LastSeq,
    [property: Id(3)] IReadOnlyList<DayTurnover> Days,
    [property: Id(4)] int LastPaidDay,
    [property: Id(5)] long Epoch = 0);
