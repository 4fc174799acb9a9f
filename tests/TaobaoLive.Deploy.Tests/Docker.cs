using System.Diagnostics;

namespace TaobaoLive.Deploy.Tests;

/// <summary>The docker command line, each call bounded.</summary>
public static class Docker
{
    public static async Task<(int ExitCode, string Output)> Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, ((await output) + (await error)).Trim());
    }

    public static async Task<string> Check(params string[] arguments)
    {
        var (exitCode, output) = await Run(arguments);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', arguments)}: exit {exitCode}: {output}");
        return output;
    }
}
