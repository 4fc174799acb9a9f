using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;
using TaobaoLive.Client;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Commands;

/// <summary>
/// What a command runs with: its parsed line, the API (connected on first use), where to write, and
/// the terminal stdout is (for progress bars; null when stdout is redirected).
/// </summary>
internal sealed class CommandContext(ParseResult line, Func<TaobaoLiveClient> connect, TextWriter output, TextWriter errors, IAnsiConsole? terminal, CancellationToken cancellationToken)
{
    private static readonly JsonSerializerOptions IndentedJson = new(TaobaoLiveJson.Options) { WriteIndented = true };

    private TaobaoLiveClient? _client;

    public TaobaoLiveClient Client => _client ??= connect();

    public TextWriter Output { get; } = output;

    public TextWriter Errors { get; } = errors;

    public IAnsiConsole? Terminal { get; } = terminal;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>--json: the API's answer as JSON rather than a table.</summary>
    public bool Json => Flag("json");

    /// <summary>The command's positional argument at <paramref name="index"/> (the parser made sure it is there).</summary>
    public string Argument(int index) => line.GetRequiredValue((Argument<string>)line.CommandResult.Command.Arguments[index]);

    /// <summary>The value of <c>--<paramref name="name"/></c>; null when not given.</summary>
    public string? Option(string name) => line.GetValue<string>("--" + name);

    /// <summary>A whole-number option: its value, checked by the parser, or the command's default.</summary>
    public int Number(string name) => line.GetValue<int>("--" + name);

    public bool Flag(string name) => line.GetValue<bool>("--" + name);

    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, IndentedJson));

    /// <summary>Calls the API; its 404 becomes "not found: <paramref name="what"/>".</summary>
    public async Task<T> Find<T>(Func<TaobaoLiveClient, CancellationToken, Task<T>> call, string what)
    {
        try
        {
            return await call(Client, CancellationToken);
        }
        catch (TaobaoLiveApiException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            throw new CommandFailedException($"not found: {what}", exception);
        }
    }
}
