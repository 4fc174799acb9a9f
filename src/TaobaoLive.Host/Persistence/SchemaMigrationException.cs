using Npgsql;

namespace TaobaoLive.Host.Persistence;

/// <summary>A migration script failed; names the script and PostgreSQL's own reason.</summary>
public sealed class SchemaMigrationException(SchemaMigration migration, PostgresException inner)
    : Exception($"schema migration {migration.Name} failed: {inner.SqlState} {inner.MessageText}", inner)
{
    public SchemaMigration Migration { get; } = migration;
}
