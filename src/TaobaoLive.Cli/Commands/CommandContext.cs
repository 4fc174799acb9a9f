using System.Net;
using System.Text.Json;
using TaobaoLive.Cli.Arguments;
using TaobaoLive.Client;

namespace TaobaoLive.Cli.Commands;

/// <summary>What a command runs with: its arguments, the API (connected on first use) and where to write.</summary>
internal sealed class CommandContext(ParsedArguments arguments, Func<TaobaoLiveClient> connect, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
{
    private static readonly JsonSerializerOptions IndentedJson = new(TaobaoLiveJson.Options) { WriteIndented = true };

    private TaobaoLiveClient? _client;

    public ParsedArguments Arguments { get; } = arguments;

    public TaobaoLiveClient Client => _client ??= connect();

    public TextWriter Output { get; } = output;

    public TextWriter Errors { get; } = errors;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>--json: the API's answer as JSON rather than a table.</summary>
    public bool Json => Arguments.Flag("json");

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
