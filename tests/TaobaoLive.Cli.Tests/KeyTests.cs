using TaobaoLive.Cli.Tests.Infrastructure;
using TaobaoLive.Client;

namespace TaobaoLive.Cli.Tests;

/// <summary>new-key makes a key and the lines a host needs; the host accepts the key and the CLI sends it.</summary>
public sealed class KeyTests
{
    [Fact]
    public async Task A_new_key_configures_a_host_that_then_answers_the_cli_only_with_that_key()
    {
        var made = await CliRun.Offline("new-key", "ops desk", "operator", "--index", "0");
        Assert.Equal(ExitCodes.Ok, made.ExitCode);
        var key = made.ErrorLines[0][(made.ErrorLines[0].LastIndexOf(' ') + 1)..];
        Assert.StartsWith("tlk_", key, StringComparison.Ordinal);
        Assert.Equal(
            ["TaobaoLive__Auth__Keys__0__Name=ops desk", "TaobaoLive__Auth__Keys__0__Role=operator", $"TaobaoLive__Auth__Keys__0__Sha256={TaobaoLiveKeys.Sha256(key)}"],
            made.OutputLines);
        Assert.DoesNotContain(key, made.Output, StringComparison.Ordinal);

        await using var host = new KeyedHost(made.OutputLines);
        var http = host.CreateClient();
        var anonymous = await CliRun.Execute(_ => new TaobaoLiveClient(http), "platform");
        Assert.Equal(ExitCodes.Failed, anonymous.ExitCode);
        Assert.StartsWith("the host refused (401 Unauthorized): this needs a key", anonymous.Errors, StringComparison.Ordinal);

        var withKey = await CliRun.Execute(_ => new TaobaoLiveClient(host.CreateClient()), "--key", key, "platform");
        Assert.Equal(ExitCodes.Ok, withKey.ExitCode);
        Assert.Contains("aliresearch-2015", withKey.Output, StringComparison.Ordinal);

        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await new CliApp(_ => new TaobaoLiveClient(host.CreateClient()), output, errors, keyFromEnvironment: key).RunAsync(["platform"]));
    }

    [Theory]
    [InlineData("role 'admin' must be viewer, ingest or operator", "new-key", "ops", "admin")]
    [InlineData("key name ' ops' must be 1-64 characters without surrounding spaces", "new-key", " ops", "viewer")]
    [InlineData("--index 'x' must be a whole number", "new-key", "ops", "viewer", "--index", "x")]
    public async Task A_wrong_new_key_line_is_a_usage_error(string message, params string[] args)
    {
        var run = await CliRun.Offline(args);
        Assert.Equal((ExitCodes.Usage, string.Empty), (run.ExitCode, run.Output));
        Assert.Equal(message, run.ErrorLines[0]);
    }

    /// <summary>A host configured with the lines new-key printed (TaobaoLive__Auth__Keys__0__Name=…).</summary>
    private sealed class KeyedHost(IReadOnlyList<string> lines) : TaobaoLiveHostFactory
    {
        protected override IDictionary<string, string?> Settings => lines.ToDictionary(
            line => line[..line.IndexOf('=')].Replace("__", ":", StringComparison.Ordinal),
            line => (string?)line[(line.IndexOf('=') + 1)..]);
    }
}
