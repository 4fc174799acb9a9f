using System.Security.Cryptography;
using Npgsql;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against, from <see cref="EnvironmentVariable"/> (an Npgsql
/// connection string whose user may create databases; .ci/run starts a throwaway server and sets it).
/// Without it the tests fail: a persistence suite that silently skips proves nothing. Every
/// database a run creates is named <c>taobaolive_test_&lt;run&gt;_&lt;n&gt;</c> and dropped at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "TAOBAOLIVE_TEST_POSTGRES";

    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> _databases = [];
    private string _admin = null!;

    public NpgsqlConnectionStringBuilder Server => new(_admin);

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: the persistence tests need a PostgreSQL server. Run `bash .ci/run` " +
                $"(it starts one), or set {EnvironmentVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\" " +
                "for a server whose user may create databases.");
        }

        _admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name;
        lock (_databases)
        {
            name = $"taobaolive_test_{_run}_{_databases.Count + 1}";
            _databases.Add(name);
        }

        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
