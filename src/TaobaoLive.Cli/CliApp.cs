using System.Net;
using System.Text.Json;
using TaobaoLive.Cli.Arguments;
using TaobaoLive.Cli.Commands;
using TaobaoLive.Client;

namespace TaobaoLive.Cli;

/// <summary>
/// The operator command line, <c>taobaolive [--host URL] [--json] COMMAND …</c>: parses, runs one
/// command against the HTTP API and returns the exit code (<see cref="ExitCodes"/>). Expected
/// failures are one line on the error writer, never a stack trace.
/// </summary>
/// <param name="connect">Makes the API client for the host's base address (ending in '/'); called only by commands that need it.</param>
/// <param name="output">Tables, blocks and JSON.</param>
/// <param name="errors">Failures, usage errors and retry notes.</param>
/// <param name="hostFromEnvironment">The value of <see cref="HostVariable"/>, if set.</param>
/// <param name="keyFromEnvironment">The value of <see cref="TaobaoLiveKeys.Variable"/>, if set.</param>
public sealed class CliApp(Func<Uri, TaobaoLiveClient> connect, TextWriter output, TextWriter errors, string? hostFromEnvironment = null, string? keyFromEnvironment = null)
{
    public const string HostVariable = "TAOBAOLIVE_URL";

    public const string DefaultHost = "http://127.0.0.1:5000";

    public const string Usage = """
        taobaolive — the TaobaoLive operator command line

        usage: taobaolive [--host URL] [--key KEY] [--json] COMMAND [ARGUMENTS]

        A REGION is an id (a division code such as 445281 or 445281102201, country-cn, or for a region
        without a code village-0123456789ab) or a path (广东省/揭阳市/普宁市).

        regions
          search QUERY [--within REGION] [--limit N]
                                        regions by name prefix (东风), code prefix (4452) or a path ending in
                                        one (广东省/揭阳市/普宁市/新寮): full paths, exact names first
          region REGION                 one region: status, turnover, shops, Taobao village/town/cluster counts
          children REGION               its child regions
          list LEVEL [--within REGION] [--status STATUS] [--limit N]
                                        regions of a level (country, province, city, county, town, village);
                                        STATUS is taobao-village or none for villages, taobao-town or none for towns
          villages [--within REGION] [--limit N]
                                        Taobao villages (list village --status taobao-village)
          towns [--within REGION] [--limit N]
                                        Taobao towns (list town --status taobao-town)
          clusters [--within REGION] [--members]
                                        village clusters; --members lists their villages
          top BOARD [--by today|annual] [--limit N]
                                        leaderboard of villages, towns, counties, cities, provinces or clusters
          events [--within REGION] [--since TIME] [--limit N]
                                        the latest status changes, oldest first; TIME is ISO 8601 (+08:00 if
                                        it has no offset)
          shop SHOP_ID                  one shop
          platform                      the host's rule set, clock, geography and memory
          silos                         the cluster's silos (status, start, the one answering: *) and the
                                        grains each holds

        data
          load-shops FILE [--batch N]   register shops from CSV or TSV: shopId,village[,name] (header optional;
                                        village an id or path); a bad line is reported and nothing is sent
          load-orders FILE [--batch N]  post orders from NDJSON ({"orderId","shopId","amount","paidAt","type"})
                                        or CSV/TSV orderId,shopId,amount,paidAt[,kind]: amount in yuan with at
                                        most two decimals, paidAt ISO 8601 with offset, kind payment or refund
          check-geography FILE          load a geography TSV here and count its regions, or say exactly which
                                        line and column is wrong; a host loads one at start with
                                        --TaobaoLive:Geography=FILE (the default is the built-in national
                                        geography: the 2023 division codes with the 2015 list)

        keys
          new-key NAME ROLE [--index N] make a key for NAME (ROLE viewer, ingest or operator); prints the
                                        host's configuration lines (TaobaoLive__Auth__Keys__N__…, the key's
                                        SHA-256, never the key) on stdout and the key once on stderr

        options
          --host URL    the host's HTTP address (default: $TAOBAOLIVE_URL, else http://127.0.0.1:5000)
          --key KEY     the API key sent as 'Authorization: Bearer' (default: $TAOBAOLIVE_KEY; prefer the
                        variable: a command line is visible to other users of the machine)
          --json        print the API's JSON instead of tables
          --help        this text

        exit codes: 0 done, 1 failed (API error, not found, bad input, host unreachable), 2 usage error
        """;

    /// <summary>Room for a large batch; a host silent for longer is reported rather than waited on.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private static readonly IReadOnlyList<string> GlobalOptions = ["host", "key"];

    private static readonly IReadOnlyList<string> GlobalFlags = ["json", "help"];

    private static readonly Dictionary<string, (CommandSpec Spec, Func<CommandContext, Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["search"] = (new("search", ["QUERY"], ["within", "limit"], []), SearchCommand.Search),
        ["region"] = (new("region", ["REGION"], [], []), RegionCommands.Region),
        ["children"] = (new("children", ["REGION"], [], []), RegionCommands.Children),
        ["list"] = (new("list", ["LEVEL"], ["within", "status", "limit"], []), RegionCommands.List),
        ["towns"] = (new("towns", [], ["within", "limit"], []), RegionCommands.Towns),
        ["villages"] = (new("villages", [], ["within", "limit"], []), RegionCommands.Villages),
        ["clusters"] = (new("clusters", [], ["within"], ["members"]), RegionCommands.Clusters),
        ["shop"] = (new("shop", ["SHOP_ID"], [], []), ActivityCommands.Shop),
        ["events"] = (new("events", [], ["within", "since", "limit"], []), ActivityCommands.Events),
        ["top"] = (new("top", ["BOARD"], ["by", "limit"], []), ActivityCommands.Top),
        ["platform"] = (new("platform", [], [], []), ActivityCommands.Platform),
        ["silos"] = (new("silos", [], [], []), ActivityCommands.Silos),
        ["load-shops"] = (new("load-shops", ["FILE"], ["batch"], []), LoadCommands.LoadShops),
        ["load-orders"] = (new("load-orders", ["FILE"], ["batch"], []), LoadCommands.LoadOrders),
        ["check-geography"] = (new("check-geography", ["FILE"], [], []), GeographyCommand.Check),
        ["new-key"] = (new("new-key", ["NAME", "ROLE"], ["index"], []), KeyCommand.New),
    };

    /// <summary>The client <c>Program</c> uses: a plain HttpClient on the base address.</summary>
    public static TaobaoLiveClient ConnectOverHttp(Uri baseAddress) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeout });

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var host = hostFromEnvironment is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultHost;
        try
        {
            var arguments = ParsedArguments.Parse(args);
            host = arguments.Option("host") ?? host;
            if (arguments.Command is null && !arguments.Flag("help"))
            {
                errors.WriteLine(Usage);
                return ExitCodes.Usage;
            }

            if (arguments.Command is null or "help" || arguments.Flag("help"))
            {
                output.WriteLine(Usage);
                return ExitCodes.Ok;
            }

            if (!Commands.TryGetValue(arguments.Command, out var command))
            {
                throw new UsageException($"unknown command '{arguments.Command}'");
            }

            arguments.Validate(command.Spec, GlobalOptions, GlobalFlags);
            var key = arguments.Option("key") ?? keyFromEnvironment;
            var context = new CommandContext(arguments, () => Authorized(connect(BaseAddress(host)), key), output, errors, cancellationToken);
            return await command.Run(context);
        }
        catch (UsageException exception)
        {
            errors.WriteLine(exception.Message);
            errors.WriteLine("run 'taobaolive help' for usage");
            return ExitCodes.Usage;
        }
        catch (CommandFailedException exception)
        {
            errors.WriteLine(exception.Message);
            return ExitCodes.Failed;
        }
        catch (TaobaoLiveApiException exception)
        {
            errors.WriteLine(Describe(exception));
            return ExitCodes.Failed;
        }
        catch (HttpRequestException exception)
        {
            errors.WriteLine(exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                ? $"cannot reach host at {host}: {exception.Message}"
                : $"request to {host} failed: {exception.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            errors.WriteLine($"host at {host} did not answer within {RequestTimeout.TotalSeconds:0} s");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine("cancelled");
            return ExitCodes.Failed;
        }
        catch (JsonException exception)
        {
            errors.WriteLine($"unexpected answer from {host} (is it a TaobaoLive host?): {exception.Message}");
            return ExitCodes.Failed;
        }
    }

    private static TaobaoLiveClient Authorized(TaobaoLiveClient client, string? key)
    {
        TaobaoLiveKeys.Apply(client.Http, key);
        return client;
    }

    private static Uri BaseAddress(string host)
    {
        // The client's paths are relative ("api/regions"): the base must end in '/' to keep its own path.
        if (!Uri.TryCreate(host.EndsWith('/') ? host : host + "/", UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--host '{host}' is not an http:// or https:// URL");
        }

        return address;
    }

    /// <summary>One line: the status and each record's reason; a 404 reads "not found: …".</summary>
    private static string Describe(TaobaoLiveApiException exception)
    {
        var reasons = string.Join("; ", exception.Errors.Select(e => e.Index >= 0 ? $"record {e.Index}: {e.Message}" : e.Message));
        return exception.Status == HttpStatusCode.NotFound
            ? $"not found: {reasons}"
            : $"the host refused ({(int)exception.Status} {exception.Status}): {reasons}";
    }
}
