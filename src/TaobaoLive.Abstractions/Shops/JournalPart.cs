namespace TaobaoLive.Abstractions.Shops;

/// <summary>One shop's records of one committed journal entry.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.JournalPart")]
public sealed record JournalPart(
    [property: Id(0)] JournalPosition Position,
    [property: Id(1)] ShopOrder[] Orders);
