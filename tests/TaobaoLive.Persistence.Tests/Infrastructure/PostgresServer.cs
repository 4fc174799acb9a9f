using System.Security.Cryptography;
using Npgsql;
using Testcontainers.PostgreSql;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against. With <see cref="ImageEnvironmentVariable"/> set, one
/// container from that image per run, started through Testcontainers (.ci/docker-postgres builds the
/// image and sets it when a Docker engine works); otherwise the server in
/// <see cref="EnvironmentVariable"/> (an Npgsql connection string whose user may create databases;
/// .ci/run starts a throwaway server and sets it). With neither, or with a container that does not
/// start, the tests fail: a persistence suite that silently skips or quietly changes server proves
/// nothing. Every database a run creates is named <c>taobaolive_test_&lt;run&gt;_&lt;n&gt;</c> and
/// dropped at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "TAOBAOLIVE_TEST_POSTGRES";
    public const string ImageEnvironmentVariable = "TAOBAOLIVE_TEST_POSTGRES_IMAGE";

    // initdb and the start of a fresh container take a few seconds; a minute means it is not coming.
    private static readonly TimeSpan ContainerStartTimeout = TimeSpan.FromMinutes(1);

    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> _databases = [];
    private PostgreSqlContainer? _container;
    private string _admin = null!;

    public NpgsqlConnectionStringBuilder Server => new(_admin);

    /// <summary>Where the server comes from, e.g. "Testcontainers: image … on 127.0.0.1:49153".</summary>
    public string Source { get; private set; } = "not started";

    public async Task InitializeAsync()
    {
        var image = Environment.GetEnvironmentVariable(ImageEnvironmentVariable);
        var configured = string.IsNullOrWhiteSpace(image) ? FromEnvironment() : await StartContainerAsync(image);

        _admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();

        var server = new NpgsqlConnectionStringBuilder(_admin);
        Source = _container is null
            ? $"{EnvironmentVariable}: {server.Host}:{server.Port}, PostgreSQL {connection.ServerVersion}"
            : $"Testcontainers: image {image} on {server.Host}:{server.Port}, PostgreSQL {connection.ServerVersion}";
        // The test host's output lands in the TRX file, next to Testcontainers' own log.
        Console.WriteLine($"PostgreSQL tests use {Source}");
    }

    private static string FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"Neither {ImageEnvironmentVariable} nor {EnvironmentVariable} is set: the persistence tests need a PostgreSQL " +
                $"server. Run `bash .ci/run` (it starts one), set {ImageEnvironmentVariable} to a local PostgreSQL image for " +
                $"Testcontainers, or set {EnvironmentVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\" " +
                "for a server whose user may create databases.");
        }

        return configured;
    }

    private async Task<string> StartContainerAsync(string image)
    {
        _container = new PostgreSqlBuilder(image)
            .WithUsername("taobaolive")
            .WithPassword("taobaolive")
            .WithDatabase("postgres")
            .Build();
        using var timeout = new CancellationTokenSource(ContainerStartTimeout);
        try
        {
            await _container.StartAsync(timeout.Token);
        }
        catch (Exception e)
        {
            var log = await ContainerLogAsync();
            await _container.DisposeAsync();
            _container = null;
            throw new InvalidOperationException(
                $"{ImageEnvironmentVariable}={image} is set but its container did not start through Testcontainers: " +
                $"{e.GetType().Name}: {e.Message}{log}", e);
        }

        return _container.GetConnectionString();
    }

    private async Task<string> ContainerLogAsync()
    {
        try
        {
            var (stdout, stderr) = await _container!.GetLogsAsync(timestampsEnabled: false);
            var log = (stdout + stderr).Trim();
            return log.Length == 0 ? "" : $"{Environment.NewLine}Container log:{Environment.NewLine}{log}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The start failure is the error to report; a container that was never created has no log.
            return "";
        }
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
        if (_container is not null)
        {
            // The databases go with the container.
            await _container.DisposeAsync();
            return;
        }

        var failed = new List<string>();
        foreach (var name in _databases)
        {
            if (await DropAsync(name) is { } error)
            {
                failed.Add($"{name}: {error}");
            }
        }

        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"test database(s) not dropped: {string.Join("; ", failed)}");
        }
    }

    /// <summary>
    /// Drops a test database, trying again for up to 30 s: a host process killed by its test may
    /// still be exiting, and its sessions keep the database busy ("being accessed by other users")
    /// for a moment after FORCE has asked them to end. Null when dropped, else the last error.
    /// </summary>
    private async Task<string?> DropAsync(string name)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return null;
            }
            catch (PostgresException e) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"dropping {name}: {e.SqlState} {e.MessageText}; trying again");
                await Task.Delay(500);
            }
            catch (PostgresException e)
            {
                return $"{e.SqlState} {e.MessageText}";
            }
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
