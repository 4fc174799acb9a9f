using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Grains.Journal;

/// <summary>One shop's records of one committed journal entry.</summary>
public sealed record JournalPart(JournalPosition Position, ShopOrder[] Orders);
