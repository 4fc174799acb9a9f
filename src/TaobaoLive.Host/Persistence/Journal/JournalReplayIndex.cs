using Npgsql;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// The journal as shops coming back from a crash read it. Every request waits for a read of the
/// whole journal that started after the request (one read serves every request waiting for it;
/// a request arriving during a read waits for the next): an earlier read could miss an entry a
/// crashed activation applied. The journal holds only what the silos have not yet written, seconds
/// of load, so a read is short; nothing is kept once its requests are answered.
/// </summary>
public sealed class JournalReplayIndex(NpgsqlDataSource dataSource, StoreFailureLog failures) : IJournalReplay
{
    private readonly Lock _gate = new();
    private Task<Dictionary<string, List<JournalPart>>>? _running;
    private Task<Dictionary<string, List<JournalPart>>>? _next;

    // The shops the queued read decodes (null: every shop, for the keeper's recoveries).
    private HashSet<string>? _nextWanted = new(StringComparer.Ordinal);
    private long _reads;

    public bool Enabled => true;

    public long Reads => Interlocked.Read(ref _reads);

    public async Task<IReadOnlyList<JournalPart>> PartsFor(string shopId, CancellationToken cancellationToken)
    {
        var index = await ReadStartingAfterNow(shopId).WaitAsync(cancellationToken);
        return index.TryGetValue(shopId, out var parts) ? parts : [];
    }

    /// <summary>Every shop's parts in the journal, by a read that started after this call (the keeper's recoveries).</summary>
    public async Task<IReadOnlyDictionary<string, List<JournalPart>>> IndexAsync(CancellationToken cancellationToken) =>
        await ReadStartingAfterNow(null).WaitAsync(cancellationToken);

    /// <summary>
    /// A read that starts after this call and decodes the records of <paramref name="shopId"/> (null:
    /// of every shop). A read decodes only the shops whose requests it serves: after a restart of a
    /// whole cluster each read serves the shop activations that queued during the one before, a few
    /// thousand of 100,000, and decoding every record of a 150 MB journal for each read kept the
    /// silos busy until the calls waiting on those activations timed out.
    /// </summary>
    private Task<Dictionary<string, List<JournalPart>>> ReadStartingAfterNow(string? shopId)
    {
        lock (_gate)
        {
            if (shopId is null)
            {
                _nextWanted = null;
            }
            else
            {
                _nextWanted?.Add(shopId);
            }

            if (_running is null || _running.IsCompleted)
            {
                _running = Start();
                return _running;
            }

            // A read is under way but started before this request: queue one after it.
            return _next ??= _running.ContinueWith(
                _ =>
                {
                    lock (_gate)
                    {
                        _running = Start();
                        _next = null;
                        return _running;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Starts the read of the shops wanted so far (under the gate); later requests go to the next one.</summary>
    private Task<Dictionary<string, List<JournalPart>>> Start()
    {
        var wanted = _nextWanted;
        _nextWanted = new HashSet<string>(StringComparer.Ordinal);
        return Task.Run(() => ReadAsync(wanted));
    }

    private async Task<Dictionary<string, List<JournalPart>>> ReadAsync(HashSet<string>? wanted)
    {
        Interlocked.Increment(ref _reads);
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
                foreach (var (shopId, orders) in OrderJournalCodec.Decode(reader.GetFieldValue<byte[]>(2), wanted))
                {
                    if (!index.TryGetValue(shopId, out var parts))
                    {
                        parts = [];
                        index[shopId] = parts;
                    }

                    parts.Add(new JournalPart(position, orders, appliedAt));
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
