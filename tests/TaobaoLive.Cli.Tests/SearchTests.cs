using System.Text.Json;
using TaobaoLive.Cli.Tests.Infrastructure;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Tests;

/// <summary><c>search</c> against the real host on the built-in national geography.</summary>
[Collection(CliHostCollection.Name)]
public sealed class SearchTests(CliHost host)
{
    [Fact]
    public async Task Search_prints_full_paths_codes_and_full_names_exact_name_first()
    {
        var run = await host.Run("search", "新寮", "--within", "广东省/揭阳市/普宁市");

        Assert.Equal((ExitCodes.Ok, string.Empty), (run.ExitCode, run.Errors));
        var lines = run.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("path", lines[0], StringComparison.Ordinal);
        Assert.Equal(["广东省/揭阳市/普宁市/池尾街道/新寮村", "village", "445281005207", "新寮村委会", "listed"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Search_as_json_gives_the_api_hits()
    {
        var run = await host.Run("--json", "search", "东风村", "--within", "110105");

        Assert.Equal((ExitCodes.Ok, string.Empty), (run.ExitCode, run.Errors));
        var hits = JsonSerializer.Deserialize<List<RegionHit>>(run.Output, TaobaoLiveJson.Options)!;
        Assert.Equal(new RegionHit("110105039204", "village", "东风村", hits[0].FullName, hits[0].Path, "110105039204", false), hits[0]);
        Assert.EndsWith("/东风村", hits[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_prefix_or_scope_is_said_plainly()
    {
        var nothing = await host.Run("search", "火星人基地");
        Assert.Equal((ExitCodes.Ok, CliRun.Text("nothing matches '火星人基地'"), string.Empty), (nothing.ExitCode, nothing.Output, nothing.Errors));

        var scope = await host.Run("search", "东风", "--within", "火星省");
        Assert.Equal((ExitCodes.Failed, string.Empty, CliRun.Text("not found: region '火星省'")), (scope.ExitCode, scope.Output, scope.Errors));
    }
}
