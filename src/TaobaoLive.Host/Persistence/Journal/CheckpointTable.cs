using Npgsql;
using NpgsqlTypes;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// The silos' covered marks (<c>taobaolive_checkpoint</c>): one row per silo, "every change this
/// silo's shops applied before <c>covered_before</c> is in stored state", with when it was reported.
/// The journal is truncated below the lowest mark, so a row may only ever understate its silo's
/// mark: rows of silos that left stay until their shops have replayed the journal elsewhere and the
/// silos that replayed them have reported marks that cover those replays.
/// </summary>
public sealed class CheckpointTable(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records this silo's mark. The connection is opened first and the mark taken after: the mark
    /// is read just before the statement runs (<c>reported_at</c> is when it ran), not before a wait
    /// for a pooled connection.
    /// </summary>
    public async Task ReportAsync(string silo, Func<DateTimeOffset> coveredBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO taobaolive_checkpoint (silo, covered_before, reported_at) VALUES ($1, $2, now())
            ON CONFLICT (silo) DO UPDATE SET covered_before = excluded.covered_before, reported_at = now()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = silo });
        command.Parameters.Add(new NpgsqlParameter { Value = coveredBefore(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The marks of silos other than <paramref name="self"/>, with how long ago each was reported (database time).</summary>
    public async Task<IReadOnlyList<(string Silo, TimeSpan Silent)>> OthersAsync(string self, CancellationToken cancellationToken)
    {
        var others = new List<(string, TimeSpan)>();
        await using var command = dataSource.CreateCommand("SELECT silo, now() - reported_at FROM taobaolive_checkpoint WHERE silo <> $1");
        command.Parameters.Add(new NpgsqlParameter { Value = self });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            others.Add((reader.GetString(0), reader.GetFieldValue<TimeSpan>(1)));
        }

        return others;
    }

    /// <summary>
    /// Drops the mark of <paramref name="recovered"/>, a silo that left and whose shops were replayed
    /// by a recovery that ended at <paramref name="replaysEnded"/> (database time), once every other
    /// silo with a mark, except those in <paramref name="left"/>, has reported at least
    /// <paramref name="reportAfter"/> later: their marks then cover the replays. A silo that is alive
    /// but silent (its keeper stalled) holds the drop until it reports or is found gone; before, silent
    /// silos were passed over, and one that had replayed entries first applied long before its last
    /// report left them to truncation with nothing written. Every silo in <paramref name="active"/>
    /// (the membership's active silos) must have such a report too: a silo that has joined takes
    /// shops before its keeper's first report, and without a mark it would hold nothing. Returns
    /// whether the mark was dropped.
    /// </summary>
    public async Task<bool> DropRecoveredAsync(string recovered, DateTimeOffset replaysEnded, TimeSpan reportAfter, IReadOnlyCollection<string> left, IReadOnlyCollection<string> active, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM taobaolive_checkpoint WHERE silo = $1
            AND NOT EXISTS (
                SELECT 1 FROM taobaolive_checkpoint c
                WHERE c.silo <> $1 AND c.silo <> ALL($4) AND c.reported_at <= $2 + $3)
            AND NOT EXISTS (
                SELECT 1 FROM unnest($5::text[]) AS a(silo)
                WHERE NOT EXISTS (SELECT 1 FROM taobaolive_checkpoint c WHERE c.silo = a.silo AND c.reported_at > $2 + $3))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = recovered });
        command.Parameters.Add(new NpgsqlParameter { Value = replaysEnded, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = reportAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = left.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = active.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes journal entries applied before the lowest mark less <paramref name="clockMargin"/>; returns how many.</summary>
    public async Task<int> TruncateJournalAsync(TimeSpan clockMargin, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM taobaolive_journal
            WHERE applied_at < (SELECT min(covered_before) FROM taobaolive_checkpoint) - $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = clockMargin });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
