using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// Grain state in PostgreSQL, many grains per round trip. Orleans' ADO.NET provider writes one row
/// per statement (about 3,400 writes/s here, and one pooled connection per concurrent write: under
/// load the pool ran dry); here every read and every write waits in a <see cref="BatchingQueue{T}"/>
/// and a few lanes turn what is waiting into one multi-row statement each. Rows are the stable JSON
/// of schema version 1 (property names, no CLR type names) in <c>taobaolive_grain_state</c>, with the
/// same optimistic concurrency: a write carries the version it read, and a row another activation
/// changed meanwhile is not overwritten (<see cref="InconsistentStateException"/>).
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    /// <summary>Rows in one statement: large enough to amortise the round trip, small enough to keep a statement under a few MB.</summary>
    private const int MaxBatch = 2000;

    private const int CommandTimeoutSeconds = 15;

    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly JsonSerializerOptions _json;
    private readonly StoreFailureLog _failures;
    private readonly BatchingQueue<ReadRequest> _reads;
    private readonly BatchingQueue<WriteRequest> _writes;

    public PostgresGrainStorage(string serviceId, NpgsqlDataSource dataSource, JsonSerializerOptions json, StoreFailureLog failures)
    {
        _serviceId = serviceId;
        _dataSource = dataSource;
        _json = json;
        _failures = failures;
        _reads = new BatchingQueue<ReadRequest>(ReadAsync, lanes: 2, MaxBatch);
        _writes = new BatchingQueue<WriteRequest>(WriteAsync, lanes: 2, MaxBatch);
    }

    /// <summary>Writes executed since start (each a row).</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    private long _rowsWritten;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var request = new ReadRequest(stateName, grainId.ToString());
        _reads.Enqueue(request);
        var (payload, version) = await request.Done.Task;
        if (payload is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(payload, _json) ?? Activator.CreateInstance<T>();
        grainState.ETag = version!.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag is { } etag ? int.Parse(etag, CultureInfo.InvariantCulture) : 0;
        var request = new WriteRequest(stateName, grainId.ToString(), JsonSerializer.Serialize(grainState.State, _json), expected + 1);
        _writes.Enqueue(request);
        grainState.ETag = (await request.Done.Task).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = _dataSource.CreateCommand("""
            DELETE FROM taobaolive_grain_state
            WHERE service_id = $1 AND state_name = $2 AND key_text = $3 AND key_n0 = 0 AND key_n1 = 0
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            _failures.Failed("PostgreSQL grain state clear", exception);
            throw new StateStoreUnavailableException("PostgreSQL did not take the state change; try again shortly", exception);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task ReadAsync(List<ReadRequest> batch)
    {
        try
        {
            var found = new Dictionary<(string, string), (string Payload, int Version)>(batch.Count);
            await using (var command = _dataSource.CreateCommand("""
                SELECT s.state_name, s.key_text, s.payload::text, s.version
                FROM unnest($2::text[], $3::text[]) AS u(state_name, key_text)
                JOIN taobaolive_grain_state s
                  ON s.service_id = $1 AND s.state_name = u.state_name AND s.key_text = u.key_text AND s.key_n0 = 0 AND s.key_n1 = 0
                """))
            {
                command.CommandTimeout = CommandTimeoutSeconds;
                command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.StateName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    found[(reader.GetString(0), reader.GetString(1))] = (reader.IsDBNull(2) ? null! : reader.GetString(2), reader.GetInt32(3));
                }
            }

            foreach (var request in batch)
            {
                request.Done.TrySetResult(found.TryGetValue((request.StateName, request.Key), out var row) ? (row.Payload, row.Version) : (null, null));
            }
        }
        catch (Exception exception)
        {
            // Whatever went wrong, every request waiting on this round trip is answered with it (none
            // may hang, and the lane must live on for the next batch).
            _failures.Failed("PostgreSQL grain state read", exception);
            var unavailable = new StateStoreUnavailableException("PostgreSQL did not answer a state read; try again shortly", exception);
            foreach (var request in batch)
            {
                request.Done.TrySetException(unavailable);
            }
        }
    }

    private async Task WriteAsync(List<WriteRequest> batch)
    {
        // One row once per statement (ON CONFLICT cannot touch a row twice): a second write of the
        // same grain in this batch (a duplicate activation) goes into the next one.
        var seen = new HashSet<(string, string)>(batch.Count);
        List<WriteRequest>? later = null;
        var rows = new List<WriteRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (seen.Add((request.StateName, request.Key)))
            {
                rows.Add(request);
            }
            else
            {
                (later ??= []).Add(request);
            }
        }

        try
        {
            var written = new Dictionary<(string, string), int>(rows.Count);
            await using (var command = _dataSource.CreateCommand("""
                INSERT INTO taobaolive_grain_state AS s (service_id, state_name, key_n0, key_n1, key_text, payload, version)
                SELECT $1, u.state_name, 0, 0, u.key_text, u.payload::jsonb, u.version
                FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS u(state_name, key_text, payload, version)
                ON CONFLICT ON CONSTRAINT taobaolive_grain_state_pk DO UPDATE
                SET payload = excluded.payload, version = excluded.version, modified_at = now()
                WHERE s.version = excluded.version - 1
                RETURNING s.state_name, s.key_text, s.version
                """))
            {
                command.CommandTimeout = CommandTimeoutSeconds;
                command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
                command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StateName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.NewVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    written[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
                }
            }

            Interlocked.Add(ref _rowsWritten, written.Count);
            foreach (var request in rows)
            {
                if (written.TryGetValue((request.StateName, request.Key), out var version))
                {
                    request.Done.TrySetResult(version);
                }
                else
                {
                    request.Done.TrySetException(new InconsistentStateException(
                        $"{request.Key} ({request.StateName}) was changed by another activation; not overwritten", string.Empty, (request.NewVersion - 1).ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (Exception exception)
        {
            // Whatever went wrong, every request waiting on this round trip is answered with it (none
            // may hang, and the lane must live on for the next batch).
            _failures.Failed("PostgreSQL grain state write", exception);
            var unavailable = new StateStoreUnavailableException("PostgreSQL did not take a state write; kept for the next try", exception);
            foreach (var request in rows)
            {
                request.Done.TrySetException(unavailable);
            }
        }

        if (later is not null)
        {
            foreach (var request in later)
            {
                _writes.Enqueue(request);
            }
        }
    }

    private sealed record ReadRequest(string StateName, string Key)
    {
        public TaskCompletionSource<(string? Payload, int? Version)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record WriteRequest(string StateName, string Key, string Payload, int NewVersion)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
