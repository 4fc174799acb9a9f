namespace TaobaoLive.Abstractions.Shops;

/// <summary>
/// Where a committed batch stands in the order journal: the silo process that wrote it
/// (<see cref="Writer"/>), its place in that writer's commit order (<see cref="Seq"/>), and how far
/// that writer's journal has been truncated when the position was handed out
/// (<see cref="Truncated"/>: every entry of the writer up to it is gone from the journal, so it can
/// never be replayed and a shop may forget it applied it).
/// </summary>
/// <remarks>A class, not a struct: every shop call of a batch shares one instance (Orleans does not
/// copy an immutable argument), where a struct was boxed once per call when Orleans looks through
/// the arguments for cancellation tokens.</remarks>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.JournalPosition")]
public sealed record JournalPosition(
    [property: Id(0)] long Writer,
    [property: Id(1)] long Seq,
    [property: Id(2)] long Truncated);
