using System.CommandLine;
using System.Net;
using System.Text.Json;
using TaobaoLive.Cli.CommandLine;
using TaobaoLive.Cli.Commands;
using Spectre.Console;
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
/// <param name="terminal">The terminal stdout is, for progress bars; null (plain lines) when stdout is redirected.</param>
public sealed class CliApp(Func<Uri, TaobaoLiveClient> connect, TextWriter output, TextWriter errors, string? hostFromEnvironment = null, string? keyFromEnvironment = null, IAnsiConsole? terminal = null)
{
    public const string HostVariable = "TAOBAOLIVE_URL";

    public const string DefaultHost = "http://127.0.0.1:5000";

    /// <summary>The help text, written from the command definitions (<see cref="CliCommands"/>).</summary>
    public static string Usage { get; } = UsageText.Render(new CliCommands());

    /// <summary>Tokens are taken as they are: no response files (an argument may start with '@').</summary>
    private static readonly ParserConfiguration ParserSettings = new() { ResponseFileTokenReplacer = null };

    /// <summary>Room for a large batch; a host silent for longer is reported rather than waited on.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The client <c>Program</c> uses: a plain HttpClient on the base address.</summary>
    public static TaobaoLiveClient ConnectOverHttp(Uri baseAddress) =>
        new(new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeout });

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var host = hostFromEnvironment is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultHost;
        try
        {
            var commands = new CliCommands();
            var line = commands.Root.Parse(args, ParserSettings);
            var command = line.CommandResult.Command;
            if (line.GetResult(commands.Help) is not null || command == commands.HelpCommand)
            {
                output.WriteLine(Usage);
                return ExitCodes.Ok;
            }

            if (UsageErrors.First(line, args) is { } problem)
            {
                throw new UsageException(problem);
            }

            host = line.GetValue(commands.Host) ?? host;

            if (commands.Runner(command) is not { } run)
            {
                errors.WriteLine(Usage);
                return ExitCodes.Usage;
            }

            var key = line.GetValue(commands.Key) ?? keyFromEnvironment;
            var context = new CommandContext(line, () => Authorized(connect(BaseAddress(host)), key), output, errors, terminal, cancellationToken);
            return await run(context);
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
