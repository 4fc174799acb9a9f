using TaobaoLive.Client;

namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>One run of the command line: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Output, string Errors)
{
    public static async Task<CliRun> Execute(Func<Uri, TaobaoLiveClient> connect, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await new CliApp(connect, output, errors).RunAsync(args);
        return new CliRun(exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>A run that must not reach any host: usage errors, help, local file checks.</summary>
    public static Task<CliRun> Offline(params string[] args) =>
        Execute(uri => throw new InvalidOperationException($"the command line connected to {uri} but should not have"), args);

    /// <summary>The lines of <see cref="Output"/>, without the final line break.</summary>
    public IReadOnlyList<string> OutputLines => Lines(Output);

    public IReadOnlyList<string> ErrorLines => Lines(Errors);

    /// <summary>Text as the command line writes it: each line ended by the platform's line break.</summary>
    public static string Text(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    private static List<string> Lines(string text) =>
        [.. text.Split(Environment.NewLine).SkipLast(text.EndsWith(Environment.NewLine, StringComparison.Ordinal) ? 1 : 0)];
}
