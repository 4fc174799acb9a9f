using System.Security.Cryptography;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// This silo's writer of the order journal. Every accepted batch is appended here before it is
/// acknowledged; appends that arrive while a commit runs go into the next one together (group
/// commit: one round trip and one WAL flush for many requests). Each entry gets the next number in
/// this writer's commit order; the answer to a keyed request is committed in the same statement
/// pipeline (one implicit transaction), and so are the "applied" marks of earlier entries.
/// </summary>
public sealed class OrderJournal : IAsyncDisposable
{
    private const int MaxEntriesPerCommit = 512;
    private const int CommandTimeoutSeconds = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreFailureLog _failures;
    private readonly TimeProvider _time;
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _appliedGate = new();
    private readonly Task _loop;
    private List<long> _applied = [];
    private long _nextSeq;
    private long _committed;
    private long _truncated;
    private long _commits;
    private long _entries;
    private long _bytes;

    public OrderJournal(NpgsqlDataSource dataSource, StoreFailureLog failures, TimeProvider time)
    {
        _dataSource = dataSource;
        _failures = failures;
        _time = time;
        // A new writer per process: its numbers never mix with an earlier run's.
        Writer = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>This process's writer id.</summary>
    public long Writer { get; }

    /// <summary>Every entry of this writer up to here is gone from the journal.</summary>
    public long Truncated => Interlocked.Read(ref _truncated);

    public long Commits => Interlocked.Read(ref _commits);

    public long Entries => Interlocked.Read(ref _entries);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Commits the entry (and the answer to its key, if any); returns its position once committed,
    /// or null if its key already had a committed answer (an earlier attempt of the same request
    /// committed its batch): then nothing of this one was committed.
    /// </summary>
    /// <exception cref="JournalUnavailableException">PostgreSQL did not commit it (down, slow, refusing): nothing was acknowledged.</exception>
    public Task<JournalPosition?> AppendAsync(byte[] body, int records, IdempotencyAnswer? answer, ProducerRecords? producer = null)
    {
        var append = new Append(body, records, answer, producer);
        if (!_appends.Writer.TryWrite(append))
        {
            throw new JournalUnavailableException("the order journal is closed (the host is stopping)");
        }

        return append.Done.Task;
    }

    /// <summary>Every shop applied the entry: recorded with the next commit.</summary>
    public void Applied(long seq)
    {
        lock (_appliedGate)
        {
            _applied.Add(seq);
        }
    }

    /// <summary>Reads how far this writer's journal is truncated (the keeper calls it every few seconds).</summary>
    public async Task RefreshTruncatedAsync(CancellationToken cancellationToken)
    {
        // Read before the query: an entry committed meanwhile has a higher number and is present.
        var committed = Interlocked.Read(ref _committed);
        await using var command = _dataSource.CreateCommand("SELECT min(seq) FROM taobaolive_journal WHERE writer = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Writer });
        var oldest = await command.ExecuteScalarAsync(cancellationToken);
        var truncated = oldest is long seq ? seq - 1 : committed;
        if (truncated > Interlocked.Read(ref _truncated))
        {
            Interlocked.Exchange(ref _truncated, truncated);
        }
    }

    /// <summary>Writes the applied marks still waiting (the keeper calls it when no commit came for a while).</summary>
    public async Task FlushAppliedAsync(CancellationToken cancellationToken)
    {
        var applied = TakeApplied();
        if (applied.Count == 0)
        {
            return;
        }

        try
        {
            await using var command = _dataSource.CreateCommand(MarkAppliedSql);
            command.CommandTimeout = CommandTimeoutSeconds;
            AddMarkAppliedParameters(command.Parameters, applied);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            PutBackApplied(applied);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _loop;
    }

    private const string MarkAppliedSql = "UPDATE taobaolive_journal SET applied_at = $2 WHERE writer = $1 AND seq = ANY($3) AND applied_at IS NULL";

    private void AddMarkAppliedParameters(NpgsqlParameterCollection parameters, List<long> applied)
    {
        parameters.Add(new NpgsqlParameter { Value = Writer });
        parameters.Add(new NpgsqlParameter { Value = _time.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = applied.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
    }

    private List<long> TakeApplied()
    {
        lock (_appliedGate)
        {
            var taken = _applied;
            _applied = [];
            return taken;
        }
    }

    private void PutBackApplied(List<long> applied)
    {
        lock (_appliedGate)
        {
            _applied.AddRange(applied);
        }
    }

    private async Task RunAsync()
    {
        var group = new List<Append>(MaxEntriesPerCommit);
        while (await _appends.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxEntriesPerCommit && _appends.Reader.TryRead(out var append))
            {
                group.Add(append);
            }

            if (group.Count > 0)
            {
                await CommitAsync(group);
                group.Clear();
            }
        }
    }

    private async Task CommitAsync(List<Append> group)
    {
        // Numbers are never reused, even after a failed commit: a commit whose answer was lost may
        // have happened (a gap in the numbers is harmless, a number used twice is not).
        var first = _nextSeq + 1;
        _nextSeq += group.Count;
        var applied = TakeApplied();
        var inserted = new HashSet<long>();
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            // One pipeline, one Sync: PostgreSQL runs the statements as one implicit transaction.
            await using var batch = new NpgsqlBatch(connection) { Timeout = CommandTimeoutSeconds };
            // A keyed entry goes in only if its key's answer does: an answer already committed (an
            // earlier attempt of the same request, whose key it still held when its lease ran out)
            // keeps this attempt's batch out. Two attempts of one key in one group: the first. (A
            // row_number over u would derive "first" once, but sorts every row, body included, on
            // every commit; it was tried and taken back, the bench pairs unable to tell the two apart.)
            var insert = new NpgsqlBatchCommand("""
                WITH u AS (
                    SELECT * FROM unnest($2::bigint[], $3::int[], $4::bytea[], $5::text[], $6::text[], $7::int[], $8::text[])
                        AS u(seq, records, body, key, request_hash, status, answer)),
                answered AS (
                    INSERT INTO taobaolive_idempotency (key, request_hash, status, body)
                    SELECT DISTINCT ON (key) key, request_hash, status, answer FROM u WHERE key IS NOT NULL ORDER BY key, seq
                    ON CONFLICT (key) DO NOTHING
                    RETURNING key)
                INSERT INTO taobaolive_journal (writer, seq, records, body)
                SELECT $1, u.seq, u.records, u.body FROM u
                WHERE u.key IS NULL
                   OR (u.key IN (SELECT key FROM answered) AND u.seq = (SELECT min(v.seq) FROM u v WHERE v.key = u.key))
                RETURNING seq
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = Writer });
            insert.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, group.Count).Select(i => first + i).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Records).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Answer?.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Answer?.RequestHash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Answer?.StatusCode).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter { Value = group.Select(a => a.Answer?.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(insert);

            var numbered = group.Where(a => a.Producer is not null).SelectMany(a => a.Producer!.Ranges.Select(r => (a.Producer.Producer, r.First, r.Last))).ToList();
            if (numbered.Count > 0)
            {
                var ranges = new NpgsqlBatchCommand("""
                    INSERT INTO taobaolive_producer_range (producer, first_seq, last_seq)
                    SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
                    ON CONFLICT DO NOTHING
                    """);
                ranges.Parameters.Add(new NpgsqlParameter { Value = numbered.Select(n => n.Producer).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                ranges.Parameters.Add(new NpgsqlParameter { Value = numbered.Select(n => n.First).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                ranges.Parameters.Add(new NpgsqlParameter { Value = numbered.Select(n => n.Last).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                batch.BatchCommands.Add(ranges);
            }

            if (applied.Count > 0)
            {
                var mark = new NpgsqlBatchCommand(MarkAppliedSql);
                AddMarkAppliedParameters(mark.Parameters, applied);
                batch.BatchCommands.Add(mark);
            }

            await using (var reader = await batch.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    inserted.Add(reader.GetInt64(0));
                }

                // The rest of the pipeline's results, so an error in any of its statements is seen here.
                while (await reader.NextResultAsync())
                {
                }
            }
        }
        catch (Exception exception)
        {
            // Whatever went wrong, every request waiting on this round trip is answered with it (none
            // may hang, and the lane must live on for the next batch).
            _failures.Failed("PostgreSQL journal commit", exception);
            PutBackApplied(applied);
            var unavailable = new JournalUnavailableException("PostgreSQL did not commit the batch; nothing was acknowledged, retry with the same Idempotency-Key", exception);
            foreach (var append in group)
            {
                append.Done.TrySetException(unavailable);
            }

            return;
        }

        Interlocked.Exchange(ref _committed, _nextSeq);
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _entries, inserted.Count);
        Interlocked.Add(ref _bytes, group.Where((_, i) => inserted.Contains(first + i)).Sum(a => (long)a.Body.Length));
        var truncated = Truncated;
        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(inserted.Contains(first + i) ? new JournalPosition(Writer, first + i, truncated) : null);
        }
    }

    private sealed record Append(byte[] Body, int Records, IdempotencyAnswer? Answer, ProducerRecords? Producer)
    {
        /// <summary>The entry's position once committed; null if its key's answer was committed before (nothing of it committed).</summary>
        public TaskCompletionSource<JournalPosition?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The answer to a keyed request, committed with its batch.</summary>
public sealed record IdempotencyAnswer(string Key, string RequestHash, int StatusCode, string Body);

/// <summary>A numbering producer's record numbers in one batch, committed with it.</summary>
public sealed record ProducerRecords(string Producer, IReadOnlyList<(long First, long Last)> Ranges);

/// <summary>The journal could not commit: the request must be answered 503 and retried.</summary>
public sealed class JournalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
