using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Grains.Journal;

/// <summary>
/// The committed order journal as a shop coming back from a crash sees it: every entry still in the
/// journal that holds records of the shop. A shop whose stored state was not left by a graceful stop
/// applies the parts it has not applied yet (its <see cref="WriterMarks"/> tell) before it takes
/// anything else.
/// </summary>
public interface IJournalReplay
{
    /// <summary>False for the in-memory store: there is no journal and nothing to replay.</summary>
    bool Enabled { get; }

    /// <summary>
    /// The shop's parts, read from the journal by a read that started after this call (an earlier
    /// read could miss an entry that a crashed activation of the shop applied).
    /// </summary>
    Task<IReadOnlyList<JournalPart>> PartsFor(string shopId, CancellationToken cancellationToken);
}
