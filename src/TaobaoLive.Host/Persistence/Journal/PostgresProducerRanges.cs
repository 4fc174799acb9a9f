using Npgsql;
using NpgsqlTypes;
using TaobaoLive.Grains.Ingest;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>The committed record numbers of numbering producers (written by <see cref="OrderJournal"/> with their batches).</summary>
public sealed class PostgresProducerRanges(NpgsqlDataSource dataSource) : IProducerRanges
{
    public bool Enabled => true;

    public async Task<IReadOnlyList<(long First, long Last)>> Load(string producerId)
    {
        var ranges = new List<(long, long)>();
        await using var command = dataSource.CreateCommand("SELECT first_seq, last_seq FROM taobaolive_producer_range WHERE producer = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = producerId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ranges.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return ranges;
    }

    /// <summary>Merges every producer's rows into the fewest ranges (rows written meanwhile are left as they are).</summary>
    public async Task<int> CompactAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, List<(long First, long Last)>>(StringComparer.Ordinal);
        await using (var select = dataSource.CreateCommand("""
            SELECT producer, first_seq, last_seq FROM taobaolive_producer_range
            WHERE producer IN (SELECT producer FROM taobaolive_producer_range GROUP BY producer HAVING count(*) > 1)
            """))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var producer = reader.GetString(0);
                if (!rows.TryGetValue(producer, out var list))
                {
                    rows[producer] = list = [];
                }

                list.Add((reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        var removed = 0;
        foreach (var (producer, list) in rows)
        {
            var merged = new SequenceSet();
            foreach (var (first, last) in list)
            {
                merged.Add(first, last);
            }

            if (merged.Ranges.Count == list.Count)
            {
                continue;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            var delete = new NpgsqlBatchCommand("""
                DELETE FROM taobaolive_producer_range r
                USING unnest($2::bigint[], $3::bigint[]) AS u(first_seq, last_seq)
                WHERE r.producer = $1 AND r.first_seq = u.first_seq AND r.last_seq = u.last_seq
                """);
            delete.Parameters.Add(new NpgsqlParameter { Value = producer });
            delete.Parameters.Add(new NpgsqlParameter { Value = list.Select(r => r.First).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            delete.Parameters.Add(new NpgsqlParameter { Value = list.Select(r => r.Last).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO taobaolive_producer_range (producer, first_seq, last_seq)
                SELECT $1, * FROM unnest($2::bigint[], $3::bigint[]) ON CONFLICT DO NOTHING
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = producer });
            insert.Parameters.Add(new NpgsqlParameter { Value = merged.Ranges.Select(r => r.First).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = merged.Ranges.Select(r => r.Last).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(delete);
            batch.BatchCommands.Add(insert);
            // One pipeline, one implicit transaction: the merged rows replace exactly the rows read.
            await batch.ExecuteNonQueryAsync(cancellationToken);
            removed += list.Count - merged.Ranges.Count;
        }

        return removed;
    }
}
