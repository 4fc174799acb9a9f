using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// Brings the PostgreSQL schema up to date before anything else starts (the silo reads its
/// queries from it). A database that cannot be reached or migrated stops the host at once with one
/// message naming host, port, database and reason; there is no retry loop.
/// </summary>
internal sealed partial class SchemaStartup(IOptions<StoreOptions> options, ILogger<SchemaStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var store = options.Value;
        if (store.Kind != StoreKind.PostgreSql)
        {
            return;
        }

        var target = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var where = $"{target.Host}:{target.Port}/{target.Database ?? target.Username}";
        try
        {
            await using var connection = new NpgsqlConnection(store.PooledConnectionString());
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw Fail($"cannot reach PostgreSQL at {where}: {Reason(ex)}", ex);
            }

            var applied = await PostgreSqlSchema.ApplyAsync(connection, cancellationToken);
            LogSchemaReady(logger, where, PostgreSqlSchema.Migrations[^1].Version, applied.Count);
        }
        catch (SchemaMigrationException ex)
        {
            throw Fail($"cannot prepare PostgreSQL at {where}: {ex.Message}", ex);
        }
        catch (NpgsqlException ex)
        {
            throw Fail($"cannot prepare PostgreSQL at {where}: {Reason(ex)}", ex);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private StoreUnavailableException Fail(string message, Exception cause)
    {
        // The whole story in one line; the cause's stack adds nothing an operator can act on.
        LogStoreUnavailable(logger, message, cause.GetType().Name);
        return new StoreUnavailableException(message);
    }

    private static string Reason(NpgsqlException ex) => ex switch
    {
        PostgresException pg => $"{pg.SqlState} {pg.MessageText}",
        { InnerException: SocketException socket } => socket.Message,
        { InnerException: TimeoutException } => "timed out connecting",
        _ => ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL at {Where} has schema version {Version} ({Applied} migration(s) applied now)")]
    private static partial void LogSchemaReady(ILogger logger, string where, int version, int applied);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message} ({Cause})")]
    private static partial void LogStoreUnavailable(ILogger logger, string message, string cause);
}
