using Npgsql;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing()
    {
        var database = await postgres.CreateDatabaseAsync();
        var all = PostgreSqlSchema.Migrations.Select(m => m.Version).ToList();
        Assert.Equal(1, all[0]);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        Assert.Equal(all, await PostgreSqlSchema.ApplyAsync(connection));
        Assert.Empty(await PostgreSqlSchema.ApplyAsync(connection));

        Assert.Equal(all, await Column<int>(connection, $"SELECT version FROM {PostgreSqlSchema.VersionTable} ORDER BY version"));
        Assert.Equal(
            ["orleansquery", "taobaolive_checkpoint", "taobaolive_grain_state", "taobaolive_idempotency", "taobaolive_journal", "taobaolive_membership", "taobaolive_membership_version", "taobaolive_producer_range", "taobaolive_reminder", "taobaolive_schema_version"],
            await Column<string>(connection, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_exactly_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        var connections = Enumerable.Range(0, 4).Select(_ => new NpgsqlConnection(database)).ToList();
        try
        {
            await Task.WhenAll(connections.Select(c => c.OpenAsync()));
            var applied = await Task.WhenAll(connections.Select(c => PostgreSqlSchema.ApplyAsync(c)));

            Assert.Equal(PostgreSqlSchema.Migrations.Select(m => m.Version), applied.SelectMany(a => a).Order());
            Assert.Equal(PostgreSqlSchema.Migrations.Count, Assert.Single(await Column<long>(connections[0], $"SELECT count(*) FROM {PostgreSqlSchema.VersionTable}")));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Every_query_the_orleans_providers_look_up_is_present()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await PostgreSqlSchema.ApplyAsync(connection);

        // The keys the ADO.NET clustering, persistence and reminder providers require at start.
        string[] required =
        [
            "ClearStorageKey", "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
            "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
            "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
            "WriteToStorageKey",
        ];
        Assert.Equal(required.Order(StringComparer.Ordinal), await Column<string>(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\""));
    }

    private static async Task<List<T>> Column<T>(NpgsqlConnection connection, string sql)
    {
        var values = new List<T>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
