using System.Globalization;
using System.Reflection;
using Npgsql;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// Applies the versioned scripts of deploy/sql (embedded in this assembly) that a database does not
/// have yet, each in its own transaction together with its row in <c>taobaolive_schema_version</c>.
/// </summary>
/// <remarks>
/// Silos starting together serialize on a session-level advisory lock, so exactly one applies a
/// migration and the others find it recorded. Running it again changes nothing.
/// </remarks>
public static class PostgreSqlSchema
{
    public const string VersionTable = "taobaolive_schema_version";

    /// <summary>Advisory lock key: the bytes of "TaobLive" read as a big-endian 64-bit integer.</summary>
    private const long LockKey = 0x5461_6F62_4C69_7665;

    private const string ResourcePrefix = "TaobaoLive.Sql.";

    /// <summary>The embedded migrations in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } = LoadMigrations();

    /// <summary>Applies what is missing; returns the versions this call applied (none when up to date).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {VersionTable}
                (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);
            var present = await AppliedVersionsAsync(connection, cancellationToken);
            var applied = new List<int>();
            foreach (var migration in Migrations.Where(m => !present.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                }
                catch (PostgresException ex)
                {
                    throw new SchemaMigrationException(migration, ex);
                }

                await using (var record = new NpgsqlCommand($"INSERT INTO {VersionTable} (version, name) VALUES (@version, @name)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(migration.Version);
            }

            return applied;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
    }

    public static async Task<IReadOnlySet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand($"SELECT version FROM {VersionTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaMigration> LoadMigrations()
    {
        var assembly = typeof(PostgreSqlSchema).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two schema migrations have version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }

        return migrations;
    }

    private static SchemaMigration Load(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"schema migration '{name}.sql' must be named NNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(version, name, reader.ReadToEnd());
    }
}
