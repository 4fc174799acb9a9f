using TaobaoLive.Persistence.Tests.Infrastructure;
using TaobaoLive.Simulation.World;
using TaobaoLive.Simulator.Runs.Crash;
using Xunit.Abstractions;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// The short version of <c>taobaolive-sim crash</c>: three host processes on one database, keyed
/// batches from concurrent producers, three SIGKILLs of one silo at random moments and one of all
/// three at once, every unanswered batch retried with its key afterwards. The ledger and the
/// platform must agree exactly: every shop, every village, the country.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashHarnessTests(PostgresServer postgres, ITestOutputHelper output)
{
    // A killed silo is declared dead within a few seconds; several hosts share one server.
    private static readonly string[] HostSettings =
    [
        "--TaobaoLive:MembershipProbeTimeout=00:00:01",
        "--TaobaoLive:MembershipMissedProbesLimit=2",
        "--TaobaoLive:MaxPoolSize=8",
        // The journal keeper's recoveries and region rebuilds, in the hosts' last lines of a run that is not exact.
        "--Logging:LogLevel:TaobaoLive.Host.Persistence.Journal.JournalKeeper=Information",
    ];

    [Fact]
    public async Task Silos_killed_at_random_under_load_lose_no_acknowledged_order_and_count_none_twice()
    {
        var report = await Run(await Options() with { Kills = 3, KillAll = true });

        Assert.Equal(6, report.Kills);
        AssertExact(report);
    }

    /// <summary>
    /// Graceful means exact: every silo stopped in turn with SIGTERM under load and started again;
    /// every level equals its shops without another order arriving after the load.
    /// </summary>
    [Fact]
    public async Task A_rolling_restart_under_load_leaves_every_level_exact()
    {
        var report = await Run(await Options() with { Kills = 0, RollingRestart = true });

        AssertExact(report);
    }

    /// <summary>
    /// One silo of three killed under load and never started again: the survivors take over its
    /// shops (replaying what it had not written) and every shop and level is exact through them.
    /// </summary>
    [Fact]
    public async Task A_silo_lost_for_good_under_load_leaves_the_survivors_exact()
    {
        var report = await Run(await Options() with { Kills = 0, LoseOne = true, Load = TimeSpan.FromSeconds(20) });

        Assert.Equal(1, report.Kills);
        AssertExact(report);
        Assert.NotNull(report.ExactAfterLoss);
    }

    private static void AssertExact(CrashReport report)
    {
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Doubled);
        Assert.Equal(0, report.ShopsWrong);
        Assert.Empty(report.LevelsWrong);
    }

    // A small synthetic geography: the hosts start (and restart) without loading the national one.
    private static readonly Lazy<string> Geography = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"taobaolive-crash-{Environment.ProcessId}.tsv");
        File.WriteAllText(path, SyntheticGeography.Tsv(48, seed: 2026));
        return path;
    });

    /// <summary>Three silos, 150 shops, 30 s of load from three producers of 50-order batches, on a new database.</summary>
    private async Task<CrashRunOptions> Options() => new()
    {
        HostDll = typeof(Program).Assembly.Location,
        Geography = Geography.Value,
        ConnectionString = await postgres.CreateDatabaseAsync(),
        Silos = 3,
        Shops = 150,
        Load = TimeSpan.FromSeconds(30),
        BatchSize = 50,
        Connections = 3,
        HostSettings = HostSettings,
        // Each host's whole output, when a run is to be studied (the report keeps only the last lines).
        HostLogs = Environment.GetEnvironmentVariable("TAOBAOLIVE_CRASH_HOST_LOGS"),
    };

    private async Task<CrashReport> Run(CrashRunOptions options)
    {
        var log = new StringWriter();
        var run = new CrashRun(options, log);
        CrashReport report;
        try
        {
            report = await run.RunAsync(CancellationToken.None);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        output.WriteLine(report.Summary);
        return report;
    }
}
