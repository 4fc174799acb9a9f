using System.Text.Json;
using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

/// <summary><c>check-geography</c> loads a file here, with the host's loader, and never needs a host.</summary>
public sealed class GeographyCheckTests
{
    private const string Header = "province\tcity\tcounty\ttown\tvillage\thouseholds\tlatitude\tlongitude";

    [Fact]
    public async Task A_valid_file_is_counted_level_by_level()
    {
        using var file = new TempFile(
            ".tsv",
            "# three villages in two towns",
            Header,
            "广东省\t揭阳市\t普宁市\t占陇镇\t西楼村\t1200\t23.30\t116.17",
            "广东省\t揭阳市\t普宁市\t占陇镇\t下村\t800\t\t",
            "",
            "广东省\t揭阳市\t普宁市\t燎原镇\t光南村\t\t\t");

        var run = await CliRun.Offline("check-geography", file.Path);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.Errors);
        Assert.Equal(
            CliRun.Text(
                $"file              {file.Path}",
                "provinces         1",
                "cities            1",
                "counties          1",
                "towns             2",
                "villages          3",
                "with households   2 villages",
                "with coordinates  1 village",
                "with neighbours   0 villages"),
            run.Output);
    }

    [Fact]
    public async Task The_built_in_list_has_its_documented_291_villages_and_json_says_so()
    {
        var path = Path.Combine(RepositoryRoot(), "src", "TaobaoLive.Geography", "Data", "aliresearch-2015-taobao-villages.tsv");

        var run = await CliRun.Offline("check-geography", path, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(291, json.RootElement.GetProperty("villages").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("provinces").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("villagesWithHouseholds").GetInt32());
    }

    [Fact]
    public async Task A_bad_value_is_reported_with_its_line_and_column()
    {
        using var file = new TempFile(
            ".tsv",
            Header,
            "广东省\t揭阳市\t普宁市\t占陇镇\t西楼村\t1200\t\t",
            "广东省\t揭阳市\t普宁市\t占陇镇\t下村\tmany\t\t");

        var run = await CliRun.Offline("check-geography", file.Path);

        Assert.Equal(
            (ExitCodes.Failed, string.Empty, CliRun.Text($"{file.Path}: line 3, column 'households': column 'households' must be a positive integer, got 'many'")),
            (run.ExitCode, run.Output, run.Errors));
    }

    [Fact]
    public async Task A_short_line_is_reported_with_its_line()
    {
        using var file = new TempFile(
            ".tsv",
            Header,
            "",
            "# a comment still counts as a line",
            "广东省\t揭阳市\t普宁市\t占陇镇\t西楼村");

        var run = await CliRun.Offline("check-geography", file.Path);

        Assert.Equal(
            (ExitCodes.Failed, CliRun.Text($"{file.Path}: line 4: expected 8 fields but found 5")),
            (run.ExitCode, run.Errors));
    }

    [Fact]
    public async Task An_unknown_header_column_is_named()
    {
        using var file = new TempFile(".tsv", "province\tcity\tcounty\ttown\thamlet");

        var run = await CliRun.Offline("check-geography", file.Path);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.StartsWith($"{file.Path}: line 1, column 'hamlet': unknown column 'hamlet'; columns are province, city, county, town, village", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_exit_code_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taobaolive-cli-{Guid.NewGuid():N}.tsv");

        var run = await CliRun.Offline("check-geography", path);

        Assert.Equal((ExitCodes.Failed, CliRun.Text($"{path}: the geography file does not exist")), (run.ExitCode, run.Errors));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TaobaoLive.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no TaobaoLive.sln above {AppContext.BaseDirectory}");
    }
}
