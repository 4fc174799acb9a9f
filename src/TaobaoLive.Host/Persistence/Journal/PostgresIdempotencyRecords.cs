using Npgsql;
using TaobaoLive.Grains.Ingest;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>The committed answers to keyed requests (written by <see cref="OrderJournal"/> with their batch).</summary>
public sealed class PostgresIdempotencyRecords(NpgsqlDataSource dataSource) : IIdempotencyRecords
{
    public bool CommittedWithBatch => true;

    // The journal writer committed it with its batch.
    public void Keep(string key, IdempotencyRecord record)
    {
    }

    public async Task<IdempotencyRecord?> Find(string key)
    {
        await using var command = dataSource.CreateCommand("SELECT request_hash, status, body FROM taobaolive_idempotency WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new IdempotencyRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }
}
