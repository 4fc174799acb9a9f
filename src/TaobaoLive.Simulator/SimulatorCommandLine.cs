using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using TaobaoLive.Client;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Simulation;
using TaobaoLive.Simulation.Runs;
using TaobaoLive.Simulation.World;
using TaobaoLive.Simulator.Runs;
using TaobaoLive.Simulator.Runs.Crash;
using TaobaoLive.Simulator.Sinks;

namespace TaobaoLive.Simulator;

/// <summary>
/// The standalone simulator, <c>taobaolive-sim geography|replay|bench|crash|live [options]</c>: its
/// commands and options declared once with System.CommandLine, which parses them and writes the help
/// (<c>taobaolive-sim --help</c>, <c>taobaolive-sim crash --help</c>). Exit codes: 0 done, 1 failed,
/// 2 usage error.
/// </summary>
/// <param name="output">Results.</param>
/// <param name="errors">Failures, usage errors and, when stdout is redirected, progress lines.</param>
/// <param name="terminal">The terminal stdout is, for the replay's progress bar; null when stdout is redirected.</param>
public sealed class SimulatorCommandLine(TextWriter output, TextWriter errors, IAnsiConsole? terminal = null)
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    private const int UsageError = 2;

    /// <summary>Replay progress lines when redirected: one per this share of the days.</summary>
    private const int PlainProgressSteps = 10;

    private readonly Option<string> _key = new("--key")
    {
        HelpName = "KEY",
        Recursive = true,
        Description = $"the host's API key (default ${TaobaoLiveKeys.Variable}; prefer the variable): ingest for replay and live, operator for bench (it reads /api/platform and the live hub)",
    };

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = Commands();
        var line = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            EnableDefaultExceptionHandler = false,
            // Program.cs turns Ctrl+C into the token; the parser must not install a second handler.
            ProcessTerminationTimeout = null,
        };
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync(configuration, cancellationToken);
            return UsageError;
        }

        if (line.Errors.Count > 0)
        {
            foreach (var error in line.Errors)
            {
                errors.WriteLine(error.Message);
            }

            errors.WriteLine("run 'taobaolive-sim --help' for usage");
            return UsageError;
        }

        try
        {
            return await line.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or GeographyFormatException or HttpRequestException or TaobaoLiveApiException or InvalidOperationException)
        {
            errors.WriteLine($"taobaolive-sim: {exception.Message}");
            return 1;
        }
    }

    /// <summary>Every command and option, with what runs it.</summary>
    internal RootCommand Commands()
    {
        var root = new RootCommand("taobaolive-sim — drives a TaobaoLive host") { _key };
        root.Subcommands.Add(GeographyCommand());
        root.Subcommands.Add(ReplayCommand());
        root.Subcommands.Add(BenchCommand());
        root.Subcommands.Add(CrashCommand());
        root.Subcommands.Add(LiveCommand());
        return root;
    }

    private static Option<string> Url() => new("--url")
    {
        HelpName = "URL",
        Description = "the host's HTTP address",
        DefaultValueFactory = _ => DefaultUrl,
    };

    private static Option<string> GeographyFile(string fallback) => new("--geography")
    {
        HelpName = "FILE",
        Description = $"a geography TSV (default: {fallback})",
    };

    private static Option<int> Number(string name, int fallback, string description, int minimum = 0) => new(name)
    {
        HelpName = "N",
        Description = description,
        DefaultValueFactory = _ => fallback,
        Validators = { result => AtLeast(result, name, minimum) },
    };

    /// <summary>"host": the host's own membership defaults; "T/N": probe timeout T seconds, N missed probes.</summary>
    private static IReadOnlyList<string> ProbeSettings(string value)
    {
        if (string.Equals(value, "host", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var parts = value.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var missed) || missed < 1)
        {
            throw new FormatException($"--probe-timeout takes SECONDS/MISSED (e.g. 2/2) or host, not '{value}'");
        }

        return [$"--TaobaoLive:MembershipProbeTimeout={TimeSpan.FromSeconds(seconds):c}", $"--TaobaoLive:MembershipMissedProbesLimit={missed}"];
    }

    private static Option<int> Seed(int fallback) => Number("--seed", fallback, "everything random derives from it: the same seed gives the same country and orders");

    private static void AtLeast(OptionResult result, string name, int minimum)
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{name} must be at least {minimum}");
        }
    }

    private Command GeographyCommand()
    {
        var villages = Number("--villages", 0, "how many villages", minimum: 1);
        villages.Required = true;
        var outFile = new Option<string>("--out") { HelpName = "FILE", Description = "the file to write", Required = true };
        var seed = Seed(2015);
        var command = new Command("geography", "write a synthetic geography (households, coordinates) of N villages") { villages, outFile, seed };
        command.SetAction(line =>
        {
            var path = line.GetRequiredValue(outFile);
            File.WriteAllText(path, SyntheticGeography.Tsv(line.GetValue(villages), line.GetValue(seed)));
            var model = GeographyLoader.LoadFile(path);
            output.WriteLine($"wrote {path}: {model.Villages.Count:N0} villages, {model.Count(Abstractions.Regions.RegionLevel.Town):N0} towns, {model.Count(Abstractions.Regions.RegionLevel.County):N0} counties, {model.Count(Abstractions.Regions.RegionLevel.Province):N0} provinces");
            return 0;
        });
        return command;
    }

    private Command ReplayCommand()
    {
        var url = Url();
        var geography = GeographyFile("the built-in 2015 list");
        var seed = Seed(2015);
        var from = new Option<string>("--from") { HelpName = "yyyy-MM-dd", Description = "the first business day (default: 12 November of last year)" };
        var days = Number("--days", 365, "how many days", minimum: 1);
        var speed = new Option<double>("--speed") { HelpName = "DAYS_PER_SECOND", Description = "pace; 0 (default) is as fast as the host takes it" };
        var command = new Command("replay", "a whole year day by day; start the host with TaobaoLive:Clock=Event (and the same geography); a progress bar on a terminal")
        {
            url, geography, seed, from, days, speed,
        };
        command.SetAction(async (line, cancellationToken) =>
        {
            var (client, model) = Connect(line.GetRequiredValue(url), line.GetValue(geography), line.GetValue(_key));
            var platform = await client.GetPlatform(cancellationToken);
            if (platform.Clock != "Event")
            {
                errors.WriteLine("the host runs on the Wall clock; a replay needs TaobaoLive:Clock=Event (orders from the past would fall outside the window)");
                return 1;
            }

            var settings = new SimulatorOptions { Seed = line.GetValue(seed) };
            var world = WorldBuilder.Build(model, settings.Seed, line.GetValue(geography) is null ? WorldBuilder.BuiltInMix : WorldBuilder.SyntheticMix);
            var first = line.GetValue(from) is { } fromText
                ? DateOnly.ParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : new DateOnly(DateTime.UtcNow.Year - 1, 11, 12);
            var replay = new ReplaySimulation(world, settings, new HttpOrderSink(client));
            var summary = await Replay(replay, BusinessCalendar.DayOf(first), line.GetValue(days), line.GetValue(speed), cancellationToken);
            var country = await client.GetRegion("中国", cancellationToken);
            var events = await client.GetEvents(limit: 1000, cancellationToken: cancellationToken);
            output.WriteLine($"replayed {summary.Days} days, {summary.Orders:N0} orders, RMB {summary.TurnoverFen / 100m:N2} in {summary.Elapsed.TotalSeconds:0.0} s ({summary.Orders / summary.Elapsed.TotalSeconds:N0} orders/s)");
            output.WriteLine($"now: {country.TaobaoVillages} Taobao villages, {country.TaobaoTowns} Taobao towns, {country.Clusters} clusters; {events.Count} recent status changes");
            return 0;
        });
        return command;
    }

    /// <summary>Runs the replay with a progress bar on a terminal, else a plain line on stderr every tenth of the days.</summary>
    private async Task<ReplaySummary> Replay(ReplaySimulation replay, int firstDay, int days, double speed, CancellationToken cancellationToken)
    {
        string Describe(int day, long orders) =>
            $"day {day}/{days} {BusinessCalendar.DateOf(firstDay + day - 1):yyyy-MM-dd}  {orders:N0} orders";

        if (terminal is null)
        {
            var step = Math.Max(1, days / PlainProgressSteps);
            return await replay.RunAsync(firstDay, days, speed, new DayProgress(p =>
            {
                if (p.Day % step == 0 || p.Day == days)
                {
                    errors.WriteLine(Describe(p.Day, p.Orders));
                }
            }), cancellationToken);
        }

        return await terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("replaying", maxValue: days);
                return await replay.RunAsync(firstDay, days, speed, new DayProgress(p =>
                {
                    bar.Description = Describe(p.Day, p.Orders);
                    bar.Value = p.Day;
                }), cancellationToken);
            });
    }

    private Command BenchCommand()
    {
        var url = Url();
        var geography = GeographyFile("the built-in 2015 list");
        var shops = Number("--shops", 100_000, "shops to register and drive", minimum: 1);
        var seconds = Number("--seconds", 60, "how long to drive the host", minimum: 1);
        var connections = Number("--connections", 8, "concurrent producers", minimum: 1);
        var batch = Number("--batch", 1000, "orders per request", minimum: 1);
        var seed = Seed(2015);
        var command = new Command("bench", "drive the host as hard as it can; prints orders/s, acceptance-to-visible p50/p99, host memory, and acceptance to SignalR delivery of status changes (p50/p99)")
        {
            url, geography, shops, seconds, connections, batch, seed,
        };
        command.SetAction(async (line, cancellationToken) =>
        {
            var (client, model) = Connect(line.GetRequiredValue(url), line.GetValue(geography), line.GetValue(_key));
            var run = new BenchRun(
                client.Http.BaseAddress!,
                Key(line.GetValue(_key)),
                model,
                line.GetValue(shops),
                TimeSpan.FromSeconds(line.GetValue(seconds)),
                line.GetValue(connections),
                line.GetValue(batch),
                line.GetValue(seed),
                errors);
            var r = await run.RunAsync(cancellationToken);
            output.WriteLine($"| shops | connections | batch | seconds | accepted orders/s | visible p50 | visible p99 | samples | 503s | host peak memory | per shop | in-process limit | fraction |");
            output.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Shops:N0} | {r.Connections} | {r.BatchSize} | {r.Seconds:0.0} | {r.AcceptedPerSecond:N0} | {r.VisibleP50Ms:0} ms | {r.VisibleP99Ms:0} ms | {r.VisibilitySamples} | {r.Rejected503} | {r.HostPeakWorkingSetBytes / 1048576.0:N0} MiB | {(double)r.HostPeakWorkingSetBytes / r.Shops / 1024:0.00} KiB | {r.BaselineOrdersPerSecond:N0} orders/s | {r.AcceptedPerSecond / r.BaselineOrdersPerSecond:P1} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host working set: {r.HostWorkingSetBeforeShopsBytes / 1048576.0:N0} MiB before the shops, {r.HostWorkingSetAfterBytes / 1048576.0:N0} MiB after; {(r.HostWorkingSetAfterBytes - r.HostWorkingSetBeforeShopsBytes) / (double)r.Shops / 1024:0.00} KiB per shop added"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"status change, acceptance to SignalR delivery (/hubs/live): p50 {r.PushP50Ms:0} ms, p99 {r.PushP99Ms:0} ms over {r.PushSamples} changes{(r.PushMissed > 0 ? $"; then a change not delivered within {StatusPushProbe.DeliveryLimit.TotalSeconds:0} s, and the probe stopped" : string.Empty)}"));
            return 0;
        });
        return command;
    }

    private Command CrashCommand()
    {
        var defaults = new CrashRunOptions { HostDll = string.Empty, ConnectionString = string.Empty };
        var hostDll = new Option<string>("--host-dll") { HelpName = "PATH", Description = "TaobaoLive.Host.dll of a build or publish", Required = true };
        var connectionString = new Option<string>("--connection-string") { HelpName = "CS", Description = "an empty PostgreSQL database", Required = true };
        var silos = Number("--silos", defaults.Silos, "host processes", minimum: 1);
        var shops = Number("--shops", defaults.Shops, "shops to drive", minimum: 1);
        var seconds = Number("--seconds", (int)defaults.Load.TotalSeconds, "seconds of load", minimum: 1);
        var kills = Number("--kills", defaults.Kills, "SIGKILLs of one host at a random moment, each followed by a restart");
        var killAll = new Option<bool>("--kill-all") { Description = "also kill every host at once, once (--kill-all true)" };
        var rollingRestart = new Option<bool>("--rolling-restart") { Description = "after the kills, stop and start every host in turn with SIGTERM, under load (--rolling-restart true)" };
        var loseOne = new Option<bool>("--lose-one") { Description = "instead of --kills: SIGKILL the last host 3 s before the load ends (halfway through a load under 6 s) and never restart it; report how long after the kill every shop and level is exact through the survivors (--lose-one true)" };
        var hostProbes = new Option<string>("--probe-timeout") { HelpName = "SECONDS/MISSED|host", Description = "the hosts' TaobaoLive:MembershipProbeTimeout and, after a slash, MembershipMissedProbesLimit (default 2/2: a killed host is declared dead in seconds; \"host\" keeps the host's own defaults)", DefaultValueFactory = _ => "2/2" };
        var geography = GeographyFile("the built-in national one, about 2 s of CPU per host start");
        var batch = Number("--batch", defaults.BatchSize, "orders per keyed batch", minimum: 1);
        var connections = Number("--connections", defaults.Connections, "concurrent producers", minimum: 1);
        var seed = Seed(defaults.Seed);
        var hostLogs = new Option<string>("--host-logs") { HelpName = "DIR", Description = "write each host's whole output to DIR/host-PORT.log (by default only the last lines are kept, for a run that is not exact)" };
        var command = new Command("crash", "start that many host processes on one PostgreSQL database (it must be empty), drive keyed batches while killing hosts with SIGKILL at random moments (and restarting them), retry every unanswered batch with its key, and compare every shop, village and the country to the ledger")
        {
            hostDll, connectionString, silos, shops, seconds, kills, killAll, rollingRestart, loseOne, hostProbes, geography, batch, connections, seed, hostLogs,
        };
        command.SetAction(async (line, cancellationToken) =>
        {
            var dll = line.GetRequiredValue(hostDll);
            if (!File.Exists(dll))
            {
                throw new FormatException("crash needs --host-dll PATH (TaobaoLive.Host.dll of a build or publish)");
            }

            var run = new CrashRun(
                defaults with
                {
                    HostDll = Path.GetFullPath(dll),
                    ConnectionString = line.GetRequiredValue(connectionString),
                    Silos = line.GetValue(silos),
                    Shops = line.GetValue(shops),
                    Load = TimeSpan.FromSeconds(line.GetValue(seconds)),
                    Kills = line.GetValue(kills),
                    KillAll = line.GetValue(killAll),
                    RollingRestart = line.GetValue(rollingRestart),
                    LoseOne = line.GetValue(loseOne),
                    BatchSize = line.GetValue(batch),
                    Connections = line.GetValue(connections),
                    Seed = line.GetValue(seed),
                    Geography = line.GetValue(geography) is { } file ? Path.GetFullPath(file) : null,
                    HostSettings = ProbeSettings(line.GetValue(hostProbes)!),
                    HostLogs = line.GetValue(hostLogs) is { } logs ? Path.GetFullPath(logs) : null,
                },
                output);
            var report = await run.RunAsync(cancellationToken);
            output.WriteLine(report.Summary);
            foreach (var wrong in report.LevelsWrong)
            {
                output.WriteLine($"  wrong: {wrong}");
            }

            return report.Exact ? 0 : 1;
        });
        return command;
    }

    private Command LiveCommand()
    {
        var url = Url();
        var geography = GeographyFile("the built-in 2015 list");
        var rate = Number("--rate", 2000, "orders per second at the daily average", minimum: 1);
        var yearMinutes = new Option<double>("--year-minutes") { HelpName = "MINUTES", Description = "minutes in which a shop sells its year", DefaultValueFactory = _ => 20 };
        var scenario = new Option<SimulatorScenario>("--scenario") { Description = "Normal or Double11 (a midnight surge, then ten times normal all day)", DefaultValueFactory = _ => SimulatorScenario.Normal };
        var seed = Seed(2015);
        var command = new Command("live", "live traffic until Ctrl+C") { url, geography, rate, yearMinutes, scenario, seed };
        command.SetAction(async (line, cancellationToken) =>
        {
            var (client, model) = Connect(line.GetRequiredValue(url), line.GetValue(geography), line.GetValue(_key));
            var settings = new SimulatorOptions
            {
                Seed = line.GetValue(seed),
                OrdersPerSecond = line.GetValue(rate),
                YearInMinutes = line.GetValue(yearMinutes),
                Scenario = line.GetValue(scenario),
            };
            var world = WorldBuilder.Build(model, settings.Seed, line.GetValue(geography) is null ? WorldBuilder.BuiltInMix : WorldBuilder.SyntheticMix);
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
        });
        return command;
    }

    private static (TaobaoLiveClient Client, GeographyModel Geography) Connect(string url, string? geographyFile, string? key)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new FormatException($"--url '{url}' is not an absolute URL");
        }

        var geography = geographyFile is null ? GeographyLoader.LoadBuiltIn() : GeographyLoader.LoadFile(geographyFile);
        return (new TaobaoLiveClient(TaobaoLiveKeys.Apply(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) }, Key(key))), geography);
    }

    private static string? Key(string? fromOption) => fromOption ?? Environment.GetEnvironmentVariable(TaobaoLiveKeys.Variable);

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class DayProgress(Action<(int Day, long Orders)> report) : IProgress<(int Day, long Orders)>
    {
        public void Report((int Day, long Orders) value) => report(value);
    }
}
