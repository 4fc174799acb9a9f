namespace TaobaoLive.Abstractions.Shops;

/// <summary>
/// One shop's records of one committed journal entry, and when every shop had first applied the
/// entry (<see cref="AppliedAt"/>; null while not yet recorded).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.JournalPart")]
public sealed record JournalPart(
    [property: Id(0)] JournalPosition Position,
    [property: Id(1)] ShopOrder[] Orders,
    [property: Id(2)] DateTimeOffset? AppliedAt = null);
