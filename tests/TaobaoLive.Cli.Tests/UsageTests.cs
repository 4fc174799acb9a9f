using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

/// <summary>A wrong command line is exit code 2 with one reason, before anything is sent.</summary>
public sealed class UsageTests
{
    private const string Hint = "run 'taobaolive help' for usage";

    [Fact]
    public async Task No_command_prints_the_usage_on_stderr_with_exit_code_2()
    {
        var run = await CliRun.Offline();

        Assert.Equal((ExitCodes.Usage, string.Empty, CliApp.Usage + Environment.NewLine), (run.ExitCode, run.Output, run.Errors));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help", "list")]
    [InlineData("list", "--help")]
    public async Task Help_prints_the_usage_with_exit_code_0(params string[] args)
    {
        var run = await CliRun.Offline(args);

        Assert.Equal((ExitCodes.Ok, CliApp.Usage + Environment.NewLine, string.Empty), (run.ExitCode, run.Output, run.Errors));
    }

    [Fact]
    public void The_usage_names_every_command_and_how_a_host_loads_a_geography()
    {
        foreach (var command in new[] { "region", "children", "list", "villages", "towns", "clusters", "top", "events", "shop", "platform", "silos", "load-shops", "load-orders", "check-geography", "new-key" })
        {
            Assert.Contains($"\n  {command} ", CliApp.Usage, StringComparison.Ordinal);
        }

        Assert.Contains("--TaobaoLive:Geography=FILE", CliApp.Usage, StringComparison.Ordinal);
        Assert.Contains("TAOBAOLIVE_URL", CliApp.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("list needs LEVEL", "list")]
    [InlineData("level 'planet' must be one of country, province, city, county, town, village", "list", "planet")]
    [InlineData("region needs REGION", "region")]
    [InlineData("region takes REGION, not also 'b'", "region", "a", "b")]
    [InlineData("platform takes no arguments (got 'now')", "platform", "now")]
    [InlineData("region has no option --members", "region", "广东省", "--members")]
    [InlineData("region has no option --colour", "region", "广东省", "--colour", "red")]
    [InlineData("--limit '0' must be a whole number of at least 1", "towns", "--limit", "0")]
    [InlineData("--limit 'ten' must be a whole number of at least 1", "villages", "--limit", "ten")]
    [InlineData("--limit is given twice", "towns", "--limit", "1", "--limit", "2")]
    [InlineData("--limit needs a value", "towns", "--limit")]
    [InlineData("--batch '-5' must be a whole number of at least 1", "load-orders", "orders.csv", "--batch=-5")]
    [InlineData("board 'galaxies' must be one of villages, towns, counties, cities, provinces, clusters", "top", "galaxies")]
    [InlineData("--by 'weekly' must be today or annual", "top", "villages", "--by", "weekly")]
    [InlineData("--since 'yesterday' is not an ISO 8601 time such as 2026-11-11T00:00:00+08:00", "events", "--since", "yesterday")]
    [InlineData("--host 'ftp://example.test' is not an http:// or https:// URL", "--host", "ftp://example.test", "platform")]
    [InlineData("--host needs a value", "platform", "--host")]
    [InlineData("--json takes no value", "--json=yes", "platform")]
    [InlineData("unknown option '-v'", "-v", "platform")]
    public async Task A_wrong_command_line_is_exit_code_2_with_its_reason(string reason, params string[] args)
    {
        var run = await CliRun.Offline(args);

        Assert.Equal((ExitCodes.Usage, string.Empty, CliRun.Text(reason, Hint)), (run.ExitCode, run.Output, run.Errors));
    }

    [Fact]
    public async Task The_host_comes_from_the_option_then_the_environment_then_the_default()
    {
        var api = new StubApi((_, _) => (System.Net.HttpStatusCode.OK, "[]", null));

        await Run(api, null, "clusters");
        await Run(api, "http://env.example.test:8080", "clusters");
        await Run(api, "http://env.example.test:8080", "--host", "https://option.example.test/taobao", "clusters");

        Assert.Equal(
            [new Uri("http://127.0.0.1:5000/"), new Uri("http://env.example.test:8080/"), new Uri("https://option.example.test/taobao/")],
            api.Connections);
        Assert.All(api.Requests, r => Assert.Equal("/api/clusters", r.Path[r.Path.IndexOf("/api", StringComparison.Ordinal)..]));
        Assert.Equal("/taobao/api/clusters", api.Requests[2].Path);

        static async Task Run(StubApi api, string? environment, params string[] args)
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            Assert.Equal(ExitCodes.Ok, await new CliApp(api.Connect, output, errors, environment).RunAsync(args));
            Assert.Equal(CliRun.Text("no clusters"), output.ToString());
        }
    }

    [Fact]
    public async Task An_unreachable_host_is_one_line_without_a_stack_trace()
    {
        // A port that was free a moment ago: nothing listens, the connection is refused.
        var host = $"http://127.0.0.1:{FreePorts.Next()}";

        var run = await CliRun.Execute(CliApp.ConnectOverHttp, "--host", host, "region", "广东省");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"cannot reach host at {host}: ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
    }
}
