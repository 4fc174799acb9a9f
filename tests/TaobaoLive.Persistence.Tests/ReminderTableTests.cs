using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>Orleans' ADO.NET reminder table works against the project's own schema and queries.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderTableTests(PostgresServer postgres)
{
    [Fact]
    public async Task Reminders_are_written_read_by_grain_and_hash_range_updated_and_removed_by_etag()
    {
        var host = new PostgresHost(await postgres.CreateDatabaseAsync());
        try
        {
            _ = host.Api;
            var table = host.Services.GetRequiredService<IReminderTable>();
            var grain = GrainId.Create("shop", "reminder-test");
            var hash = grain.GetUniformHashCode();
            // PostgreSQL keeps microseconds; a whole second round-trips exactly.
            var start = new DateTime(2026, 11, 11, 2, 0, 0, DateTimeKind.Utc);

            var first = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "daily", StartAt = start, Period = TimeSpan.FromDays(1) });
            var row = await table.ReadRow(grain, "daily");
            Assert.NotNull(row);
            Assert.Equal((grain, "daily", start, TimeSpan.FromDays(1), first), (row.GrainId, row.ReminderName, row.StartAt, row.Period, row.ETag));
            Assert.Null(await table.ReadRow(grain, "weekly"));

            // A period beyond int.MaxValue milliseconds is stored as a bigint.
            var second = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "daily", StartAt = start, Period = TimeSpan.FromDays(60) });
            Assert.NotEqual(first, second);
            Assert.Equal(TimeSpan.FromDays(60), Assert.Single((await table.ReadRows(grain)).Reminders).Period);

            Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders);
            Assert.Empty((await table.ReadRows(hash, hash + 1)).Reminders);
            // A range that wraps around the ring: everything but (hash - 1, hash].
            Assert.Empty((await table.ReadRows(hash, hash - 1)).Reminders);
            Assert.Single((await table.ReadRows(hash + 1, hash)).Reminders);

            Assert.False(await table.RemoveRow(grain, "daily", first!));
            Assert.True(await table.RemoveRow(grain, "daily", second!));
            Assert.Empty((await table.ReadRows(grain)).Reminders);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
