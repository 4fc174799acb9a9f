namespace TaobaoLive.Simulator.Runs.Crash;

/// <summary>What a crash run does; defaults are the short version CI runs.</summary>
public sealed record CrashRunOptions
{
    /// <summary>The host's TaobaoLive.Host.dll (a build or a publish output).</summary>
    public required string HostDll { get; init; }

    /// <summary>An Npgsql connection string to an empty database the run may use.</summary>
    public required string ConnectionString { get; init; }

    public int Silos { get; init; } = 3;

    public int Shops { get; init; } = 200;

    public TimeSpan Load { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>SIGKILLs of one silo at a random moment of the load, each followed by a restart.</summary>
    public int Kills { get; init; } = 3;

    /// <summary>Also kill every silo at once, once, in the middle of the load.</summary>
    public bool KillAll { get; init; }

    /// <summary>After the kills, stop every silo in turn with SIGTERM and start it again (a rolling restart), still under load.</summary>
    public bool RollingRestart { get; init; }

    /// <summary>
    /// Instead of kills with restarts: SIGKILL the last silo 3 s before the load ends and never start it
    /// again; the load, the retries and the checks go on through the survivors, and the report says
    /// how long after the kill every shop and level was exact.
    /// </summary>
    public bool LoseOne { get; init; }

    public int BatchSize { get; init; } = 100;

    /// <summary>Concurrent producers.</summary>
    public int Connections { get; init; } = 4;

    public int Seed { get; init; } = 2026;

    /// <summary>How long the totals may take to become exact after the last retry.</summary>
    public TimeSpan SettleWithin { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>A geography file for the hosts (null: the built-in national one, about 2 s of CPU per host start).</summary>
    public string? Geography { get; init; }

    /// <summary>A directory to write every host's whole output to (one file per host), or null: only the last lines are kept.</summary>
    public string? HostLogs { get; init; }

    /// <summary>Further host settings (e.g. short membership probes).</summary>
    public IReadOnlyList<string> HostSettings { get; init; } = [];
}
