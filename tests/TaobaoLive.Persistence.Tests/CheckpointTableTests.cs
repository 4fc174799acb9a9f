using Npgsql;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Host.Persistence.Journal;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// When a left silo's mark may go. Its mark holds the journal until the silos that replayed its
/// shops have reported marks covering the replays; the table's rows are set by hand here, with the
/// database's clock, as the keepers of a three-silo cluster would have left them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CheckpointTableTests(PostgresServer postgres)
{
    private static readonly TimeSpan ReportAfter = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_silo_alive_but_silent_since_before_the_replays_holds_the_left_silos_mark()
    {
        var (database, table) = await CreateAsync();
        // "left" went 40 s ago; "keeper" recovered it (replays ended 5 s ago) and has reported since;
        // "stalled" is alive but its keeper has not reported for 25 s (before the replays).
        await Mark(database, "left", secondsAgo: 40);
        await Mark(database, "keeper", secondsAgo: 1);
        await Mark(database, "stalled", secondsAgo: 25);
        var replaysEnded = await DatabaseNow(database, secondsAgo: 5);

        Assert.False(await table.DropRecoveredAsync("left", replaysEnded, ReportAfter, ["left"], [], CancellationToken.None));
        Assert.Equal(3, await Sql.Scalar(database, "SELECT count(*) FROM taobaolive_checkpoint"));

        // Its keeper reports again, its mark now covering its replayed shops: the mark may go.
        await Mark(database, "stalled", secondsAgo: 0);
        Assert.True(await table.DropRecoveredAsync("left", replaysEnded, ReportAfter, ["left"], [], CancellationToken.None));
        Assert.Equal(0, await Sql.Scalar(database, "SELECT count(*) FROM taobaolive_checkpoint WHERE silo = 'left'"));
    }

    [Fact]
    public async Task A_silo_that_reported_only_before_the_replays_ended_holds_the_mark()
    {
        var (database, table) = await CreateAsync();
        await Mark(database, "left", secondsAgo: 40);
        await Mark(database, "keeper", secondsAgo: 0);
        await Mark(database, "other", secondsAgo: 5);
        var replaysEnded = await DatabaseNow(database, secondsAgo: 5);

        Assert.False(await table.DropRecoveredAsync("left", replaysEnded, ReportAfter, ["left"], [], CancellationToken.None));
    }

    [Fact]
    public async Task Silos_that_left_together_do_not_hold_each_others_marks()
    {
        var (database, table) = await CreateAsync();
        await Mark(database, "left-1", secondsAgo: 40);
        await Mark(database, "left-2", secondsAgo: 40);
        await Mark(database, "keeper", secondsAgo: 0);
        var replaysEnded = await DatabaseNow(database, secondsAgo: 5);

        Assert.True(await table.DropRecoveredAsync("left-1", replaysEnded, ReportAfter, ["left-1", "left-2"], [], CancellationToken.None));
        Assert.True(await table.DropRecoveredAsync("left-2", replaysEnded, ReportAfter, ["left-2"], [], CancellationToken.None));
        Assert.Equal(["keeper"], await Silos(database));
    }

    [Fact]
    public async Task An_active_silo_that_has_not_reported_yet_holds_the_mark()
    {
        var (database, table) = await CreateAsync();
        // "joined" is active in the membership and may hold replayed shops, but its keeper has not
        // written its first mark: nothing in the table stands for it.
        await Mark(database, "left", secondsAgo: 40);
        await Mark(database, "keeper", secondsAgo: 0);
        var replaysEnded = await DatabaseNow(database, secondsAgo: 5);

        Assert.False(await table.DropRecoveredAsync("left", replaysEnded, ReportAfter, ["left"], ["keeper", "joined"], CancellationToken.None));

        await Mark(database, "joined", secondsAgo: 0);
        Assert.True(await table.DropRecoveredAsync("left", replaysEnded, ReportAfter, ["left"], ["keeper", "joined"], CancellationToken.None));
        Assert.Equal(["joined", "keeper"], await Silos(database));
    }

    private async Task<(string Database, CheckpointTable Table)> CreateAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await PostgreSqlSchema.ApplyAsync(connection);
        }

        return (database, new CheckpointTable(NpgsqlDataSource.Create(database)));
    }

    private static Task<int> Mark(string database, string silo, int secondsAgo) => Sql.Execute(database, $"""
        INSERT INTO taobaolive_checkpoint (silo, covered_before, reported_at) VALUES ('{silo}', now() - interval '60 seconds', now() - interval '{secondsAgo} seconds')
        ON CONFLICT (silo) DO UPDATE SET covered_before = excluded.covered_before, reported_at = excluded.reported_at
        """);

    private static async Task<DateTimeOffset> DatabaseNow(string database, int secondsAgo) =>
        new(await Sql.Scalar<DateTime>(database, $"SELECT (now() - interval '{secondsAgo} seconds') AT TIME ZONE 'UTC'"), TimeSpan.Zero);

    private static async Task<string[]> Silos(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo FROM taobaolive_checkpoint ORDER BY silo", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var silos = new List<string>();
        while (await reader.ReadAsync())
        {
            silos.Add(reader.GetString(0));
        }

        return [.. silos];
    }
}
