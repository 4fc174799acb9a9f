using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using TaobaoLive.Host.Persistence;

namespace TaobaoLive.Host.Health;

/// <summary>
/// Readiness of the store: with PostgreSql, one <c>SELECT 1</c> on a pooled connection within
/// <see cref="Timeout"/>; the in-memory store is always reachable.
/// </summary>
public sealed class StoreHealthCheck(IOptions<StoreOptions> options) : IHealthCheck
{
    /// <summary>Longer than a healthy round trip on a loaded machine, shorter than a probe's period.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var store = options.Value;
        if (store.Kind != StoreKind.PostgreSql)
        {
            return HealthCheckResult.Healthy("in-memory store");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = new NpgsqlConnection(store.PooledConnectionString());
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The message names host and reason, never the password (Npgsql does not put it there).
            return HealthCheckResult.Unhealthy($"PostgreSQL is unreachable: {exception.Message}");
        }
    }
}
