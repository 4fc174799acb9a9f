using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Grains.Journal;

/// <summary>The in-memory store's journal: none (a restart there loses everything anyway).</summary>
public sealed class NoJournal : IJournalReplay
{
    public static readonly NoJournal Instance = new();

    public bool Enabled => false;

    public Task<IReadOnlyList<JournalPart>> PartsFor(string shopId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JournalPart>>([]);
}
