using Microsoft.Extensions.Options;
using Npgsql;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>A store that cannot be used stops the host at start with one message saying where and why.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupFailureTests(PostgresServer postgres)
{
    [Fact]
    public void An_unreachable_server_fails_start_naming_host_port_and_database()
    {
        var port = FreePorts.Next();
        var failure = StartFailure($"Host=127.0.0.1;Port={port};Database=taobaolive;Username=nobody;Timeout=5");

        var store = Assert.IsType<StoreUnavailableException>(failure);
        Assert.StartsWith($"cannot reach PostgreSQL at 127.0.0.1:{port}/taobaolive: ", store.Message, StringComparison.Ordinal);
        Assert.Contains("refused", store.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_missing_database_fails_start_with_postgresqls_reason()
    {
        var server = postgres.Server;
        var failure = StartFailure(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "taobaolive_no_such_database" }.ConnectionString);

        var store = Assert.IsType<StoreUnavailableException>(failure);
        Assert.Equal(
            $"cannot reach PostgreSQL at {server.Host}:{server.Port}/taobaolive_no_such_database: 3D000 database \"taobaolive_no_such_database\" does not exist",
            store.Message);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_fails_options_validation()
    {
        var failure = StartFailure(connectionString: null);

        var invalid = Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains("ConnectionStrings:TaobaoLive is required when TaobaoLive:Store is PostgreSql.", invalid.Failures);
    }

    /// <summary>Starts a host and returns what stopped it (unwrapped from any aggregate).</summary>
    private static Exception StartFailure(string? connectionString)
    {
        using var host = new PostgresHost(connectionString ?? string.Empty);
        var thrown = Record.Exception(() => host.CreateClient());
        Assert.NotNull(thrown);
        while (thrown is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            thrown = aggregate.InnerException!;
        }

        return thrown;
    }
}
