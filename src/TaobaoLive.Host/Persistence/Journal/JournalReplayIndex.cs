using System.Buffers;
using Npgsql;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// The journal as shops coming back from a crash read it. Every request waits for a read of the
/// whole journal that started after the request (one read serves every request waiting for it;
/// a request arriving during a read waits for the next): an earlier read could miss an entry a
/// crashed activation applied. The journal holds only what the silos have not yet written, seconds
/// of load, so a read is short; nothing is kept once its requests are answered. A read decodes only
/// the records of the shops whose requests it serves (the keeper's recoveries read for themselves):
/// after a restart of a whole cluster each read serves the activations that queued during the one
/// before, a few thousand of 100,000, and decoding every record of a 150 MB journal for each read
/// kept the silos busy until the calls waiting on those activations timed out.
/// </summary>
public sealed class JournalReplayIndex(NpgsqlDataSource dataSource, StoreFailureLog failures) : IJournalReplay
{
    private readonly CoalescedReads<Dictionary<string, List<JournalPart>>> _reads = new(wanted => ReadAsync(dataSource, failures, wanted));

    private long _shopReads;

    public bool Enabled => true;

    /// <summary>Shop activations on this silo that waited for a read of the journal since start (a recovery's replays do not: <see cref="RecoveryReplay"/>).</summary>
    public long ShopReads => Interlocked.Read(ref _shopReads);

    public async Task<IReadOnlyList<JournalPart>> PartsFor(string shopId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _shopReads);
        var index = await _reads.After(shopId).WaitAsync(cancellationToken);
        return index.TryGetValue(shopId, out var parts) ? parts : [];
    }

    /// <summary>
    /// Every shop's parts in the journal, by a read of its own that starts now (the keeper's
    /// recoveries). Not one of the shops' shared reads: after a restart of a whole cluster the
    /// recovery waited 8.9 s for the read under way and the one queued behind it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<JournalPart>>> IndexAsync(CancellationToken cancellationToken) =>
        await ReadAsync(dataSource, failures, wanted: null).WaitAsync(cancellationToken);

    private static async Task<Dictionary<string, List<JournalPart>>> ReadAsync(NpgsqlDataSource dataSource, StoreFailureLog failures, HashSet<string>? wanted)
    {
        var index = new Dictionary<string, List<JournalPart>>(StringComparer.Ordinal);
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT j.writer, j.seq, j.body, min(j.seq) OVER (PARTITION BY j.writer) - 1, j.applied_at
                FROM taobaolive_journal j
                ORDER BY j.writer, j.seq
                """);
            command.CommandTimeout = 60;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var position = new JournalPosition(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(3));
                DateTimeOffset? appliedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
                // The body into a pooled buffer: a new array per entry per read was most of what the
                // reads allocated after a whole-cluster restart (a 25 MB journal, read again and again).
                var length = checked((int)reader.GetBytes(2, 0, null, 0, 0));
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    reader.GetBytes(2, 0, buffer, 0, length);
                    foreach (var (shopId, orders) in OrderJournalCodec.Decode(buffer.AsSpan(0, length), wanted))
                    {
                        if (!index.TryGetValue(shopId, out var parts))
                        {
                            parts = [];
                            index[shopId] = parts;
                        }

                        parts.Add(new JournalPart(position, orders, appliedAt));
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            failures.Failed("PostgreSQL journal read for replay", exception);
            throw new Grains.Persistence.StateStoreUnavailableException("PostgreSQL did not answer the journal read; the shop activates again on its next call", exception);
        }

        return index;
    }
}
