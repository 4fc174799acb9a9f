using System.Globalization;
using TaobaoLive.Client;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Simulator.Runs;
using TaobaoLive.Simulator.Sinks;
using TaobaoLive.Simulator.World;

namespace TaobaoLive.Simulator;

/// <summary>The standalone simulator: <c>taobaolive-sim geography|replay|bench|live [--option value]…</c>.</summary>
public static class SimulatorCommandLine
{
    public const string Usage = """
        taobaolive-sim — drives a TaobaoLive host

          geography --villages N [--seed S] --out FILE
              write a synthetic geography (households, coordinates) of N villages
          replay  [--url U] [--geography FILE] [--seed S] [--from 2025-11-12] [--days 365] [--speed DAYS_PER_SECOND]
              a whole year day by day; start the host with TaobaoLive:Clock=Event (and the same geography)
          bench   [--url U] [--geography FILE] [--shops 100000] [--seconds 60] [--connections 8] [--batch 1000] [--seed S]
              drive the host as hard as it can; prints orders/s, acceptance-to-visible p50/p99, host memory,
              and acceptance to SignalR delivery of status changes (p50/p99)
          crash   --host-dll PATH --connection-string CS [--silos 3] [--shops 200] [--seconds 30] [--kills 3]
                  [--kill-all true] [--rolling-restart true] [--geography FILE] [--batch 100] [--connections 4] [--seed S]
              start that many host processes on one PostgreSQL database (it must be empty), drive keyed
              batches while killing hosts with SIGKILL at random moments (and restarting them), retry every
              unanswered batch with its key, and compare every shop, village and the country to the ledger
          live    [--url U] [--geography FILE] [--rate 2000] [--year-minutes 20] [--scenario Normal|Double11] [--seed S]
              live traffic until Ctrl+C

          --url defaults to http://127.0.0.1:5000; --geography defaults to the built-in 2015 list.
          --key KEY is the host's API key (default $TAOBAOLIVE_KEY; prefer the variable): ingest for replay
          and live, operator for bench (it reads /api/platform and the live hub).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        Dictionary<string, string> options;
        try
        {
            options = ParseOptions(args.Skip(1).ToArray());
        }
        catch (FormatException exception)
        {
            errors.WriteLine(exception.Message);
            return 2;
        }

        try
        {
            return args[0] switch
            {
                "geography" => Geography(options, output),
                "replay" => await Replay(options, output, errors, cancellationToken),
                "bench" => await Bench(options, output, errors, cancellationToken),
                "live" => await Live(options, output, cancellationToken),
                "crash" => await Crash(options, output, cancellationToken),
                _ => Unknown(args[0], errors),
            };
        }
        catch (Exception exception) when (exception is FormatException or GeographyFormatException or HttpRequestException or TaobaoLiveApiException or InvalidOperationException)
        {
            errors.WriteLine($"taobaolive-sim: {exception.Message}");
            return 1;
        }
    }

    private static int Unknown(string command, TextWriter errors)
    {
        errors.WriteLine($"unknown command '{command}'");
        errors.WriteLine(Usage);
        return 2;
    }

    private static int Geography(Dictionary<string, string> options, TextWriter output)
    {
        var villages = Int(options, "villages", 0);
        if (villages < 1 || !options.TryGetValue("out", out var path))
        {
            throw new FormatException("geography needs --villages N (at least 1) and --out FILE");
        }

        File.WriteAllText(path, SyntheticGeography.Tsv(villages, Int(options, "seed", 2015)));
        var model = GeographyLoader.LoadFile(path);
        output.WriteLine($"wrote {path}: {model.Villages.Count:N0} villages, {model.Count(Abstractions.Regions.RegionLevel.Town):N0} towns, {model.Count(Abstractions.Regions.RegionLevel.County):N0} counties, {model.Count(Abstractions.Regions.RegionLevel.Province):N0} provinces");
        return 0;
    }

    private static async Task<int> Replay(Dictionary<string, string> options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var (client, geography) = Connect(options);
        var platform = await client.GetPlatform(cancellationToken);
        if (platform.Clock != "Event")
        {
            errors.WriteLine("the host runs on the Wall clock; a replay needs TaobaoLive:Clock=Event (orders from the past would fall outside the window)");
            return 1;
        }

        var settings = new SimulatorOptions { Seed = Int(options, "seed", 2015) };
        var world = WorldBuilder.Build(geography, settings.Seed, options.ContainsKey("geography") ? WorldBuilder.SyntheticMix : WorldBuilder.BuiltInMix);
        var from = options.TryGetValue("from", out var fromText)
            ? DateOnly.ParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateOnly(DateTime.UtcNow.Year - 1, 11, 12);
        var days = Int(options, "days", 365);
        var speed = options.TryGetValue("speed", out var speedText) ? double.Parse(speedText, CultureInfo.InvariantCulture) : 0;
        var progress = new Progress<(int Day, long Orders)>(p =>
        {
            var width = 40;
            var done = p.Day * width / days;
            errors.Write($"\r[{new string('#', done)}{new string('.', width - done)}] day {p.Day}/{days} {BusinessCalendar.DateOf(BusinessCalendar.DayOf(from) + p.Day - 1):yyyy-MM-dd}  {p.Orders:N0} orders");
        });
        var summary = await new ReplaySimulation(world, settings, new HttpOrderSink(client)).RunAsync(BusinessCalendar.DayOf(from), days, speed, progress, cancellationToken);
        errors.WriteLine();
        var country = await client.GetRegion("中国", cancellationToken);
        var events = await client.GetEvents(limit: 1000, cancellationToken: cancellationToken);
        output.WriteLine($"replayed {summary.Days} days, {summary.Orders:N0} orders, RMB {summary.TurnoverFen / 100m:N2} in {summary.Elapsed.TotalSeconds:0.0} s ({summary.Orders / summary.Elapsed.TotalSeconds:N0} orders/s)");
        output.WriteLine($"now: {country.TaobaoVillages} Taobao villages, {country.TaobaoTowns} Taobao towns, {country.Clusters} clusters; {events.Count} recent status changes");
        return 0;
    }

    private static async Task<int> Bench(Dictionary<string, string> options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var (client, geography) = Connect(options);
        var run = new BenchRun(
            client.Http.BaseAddress!,
            Key(options),
            geography,
            Int(options, "shops", 100_000),
            TimeSpan.FromSeconds(Int(options, "seconds", 60)),
            Int(options, "connections", 8),
            Int(options, "batch", 1000),
            Int(options, "seed", 2015),
            errors);
        var r = await run.RunAsync(cancellationToken);
        output.WriteLine($"| shops | connections | batch | seconds | accepted orders/s | visible p50 | visible p99 | samples | 503s | host peak memory | per shop | in-process limit | fraction |");
        output.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Shops:N0} | {r.Connections} | {r.BatchSize} | {r.Seconds:0.0} | {r.AcceptedPerSecond:N0} | {r.VisibleP50Ms:0} ms | {r.VisibleP99Ms:0} ms | {r.VisibilitySamples} | {r.Rejected503} | {r.HostPeakWorkingSetBytes / 1048576.0:N0} MiB | {(double)r.HostPeakWorkingSetBytes / r.Shops / 1024:0.00} KiB | {r.BaselineOrdersPerSecond:N0} orders/s | {r.AcceptedPerSecond / r.BaselineOrdersPerSecond:P1} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host working set: {r.HostWorkingSetBeforeShopsBytes / 1048576.0:N0} MiB before the shops, {r.HostWorkingSetAfterBytes / 1048576.0:N0} MiB after; {(r.HostWorkingSetAfterBytes - r.HostWorkingSetBeforeShopsBytes) / (double)r.Shops / 1024:0.00} KiB per shop added"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"status change, acceptance to SignalR delivery (/hubs/live): p50 {r.PushP50Ms:0} ms, p99 {r.PushP99Ms:0} ms over {r.PushSamples} changes"));
        return 0;
    }

    private static async Task<int> Crash(Dictionary<string, string> options, TextWriter output, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("host-dll", out var hostDll) || !File.Exists(hostDll))
        {
            throw new FormatException("crash needs --host-dll PATH (TaobaoLive.Host.dll of a build or publish)");
        }

        if (!options.TryGetValue("connection-string", out var connectionString))
        {
            throw new FormatException("crash needs --connection-string CS (an empty PostgreSQL database)");
        }

        var run = new Runs.Crash.CrashRun(
            new Runs.Crash.CrashRunOptions
            {
                HostDll = Path.GetFullPath(hostDll),
                ConnectionString = connectionString,
                Silos = Int(options, "silos", 3),
                Shops = Int(options, "shops", 200),
                Load = TimeSpan.FromSeconds(Int(options, "seconds", 30)),
                Kills = Int(options, "kills", 3),
                KillAll = options.TryGetValue("kill-all", out var killAll) && bool.Parse(killAll),
                RollingRestart = options.TryGetValue("rolling-restart", out var rolling) && bool.Parse(rolling),
                BatchSize = Int(options, "batch", 100),
                Connections = Int(options, "connections", 4),
                Seed = Int(options, "seed", 2026),
                Geography = options.TryGetValue("geography", out var geography) ? Path.GetFullPath(geography) : null,
                HostSettings = ["--TaobaoLive:MembershipProbeTimeout=00:00:02", "--TaobaoLive:MembershipMissedProbesLimit=2"],
            },
            output);
        var report = await run.RunAsync(cancellationToken);
        output.WriteLine(report.Summary);
        foreach (var wrong in report.LevelsWrong)
        {
            output.WriteLine($"  wrong: {wrong}");
        }

        return report.Exact ? 0 : 1;
    }

    private static async Task<int> Live(Dictionary<string, string> options, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, geography) = Connect(options);
        var settings = new SimulatorOptions
        {
            Seed = Int(options, "seed", 2015),
            OrdersPerSecond = Int(options, "rate", 2000),
            YearInMinutes = options.TryGetValue("year-minutes", out var minutes) ? double.Parse(minutes, CultureInfo.InvariantCulture) : 20,
            Scenario = options.TryGetValue("scenario", out var scenario) ? Enum.Parse<SimulatorScenario>(scenario, ignoreCase: true) : SimulatorScenario.Normal,
        };
        var world = WorldBuilder.Build(geography, settings.Seed, options.ContainsKey("geography") ? WorldBuilder.SyntheticMix : WorldBuilder.BuiltInMix);
        output.WriteLine($"live: {world.Sum(v => v.Shops.Count):N0} shops in {world.Count} villages at {settings.OrdersPerSecond:N0} orders/s; Ctrl+C stops");
        var live = new LiveSimulation(world, settings, new HttpOrderSink(client), TimeProvider.System);
        try
        {
            await live.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        output.WriteLine($"sent {live.OrdersSent:N0} orders");
        return 0;
    }

    private static (TaobaoLiveClient Client, GeographyModel Geography) Connect(Dictionary<string, string> options)
    {
        var url = options.GetValueOrDefault("url") ?? "http://127.0.0.1:5000";
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new FormatException($"--url '{url}' is not an absolute URL");
        }

        var geography = options.TryGetValue("geography", out var path) ? GeographyLoader.LoadFile(path) : GeographyLoader.LoadBuiltIn();
        return (new TaobaoLiveClient(TaobaoLiveKeys.Apply(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) }, Key(options))), geography);
    }

    private static string? Key(Dictionary<string, string> options) =>
        options.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable(TaobaoLiveKeys.Variable);

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"expected --option value, got '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"--{name} '{text}' must be a whole number");
}
