using System.Net;
using System.Text.Json;
using Spectre.Console.Testing;
using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

/// <summary>A load on a terminal shows a progress bar (redirected, it writes a line per batch: <see cref="BatchSendingTests"/>).</summary>
public sealed class ProgressTests
{
    private static readonly string[] Orders =
    [
        "o-1,s-1,10.00,2026-11-11T09:00:00+08:00",
        "o-2,s-1,20.00,2026-11-11T09:00:00+08:00",
        "o-3,s-2,30.00,2026-11-11T09:00:00+08:00",
    ];

    [Fact]
    public async Task On_a_terminal_a_load_draws_a_progress_bar_to_100_percent_and_no_batch_lines()
    {
        using var file = new TempFile(".csv", Orders);
        using var terminal = new TestConsole().Interactive();
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = await new CliApp(AcceptingApi().Connect, output, errors, terminal: terminal).RunAsync(["load-orders", file.Path, "--batch", "1"]);

        Assert.Equal((ExitCodes.Ok, CliRun.Text($"accepted 3 orders from {file.Path}"), string.Empty), (exitCode, output.ToString(), errors.ToString()));
        Assert.Contains("sending orders", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("100%", terminal.Output, StringComparison.Ordinal);
    }

    /// <summary>Accepts every record it is sent.</summary>
    private static StubApi AcceptingApi() => new((_, body) =>
        (HttpStatusCode.OK, $$"""{"accepted":{{JsonDocument.Parse(body).RootElement.GetArrayLength()}},"acceptedAt":"2026-11-11T10:00:00+08:00"}""", null));
}
