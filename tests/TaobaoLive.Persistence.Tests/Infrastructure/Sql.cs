using Npgsql;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>One statement on a test database, on a connection of its own (what a test reads or changes behind the host's back).</summary>
public static class Sql
{
    public static Task<long> Scalar(string database, string sql) => Scalar<long>(database, sql);

    public static async Task<T> Scalar<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/>; the rows it changed.</summary>
    public static async Task<int> Execute(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
