using System.Diagnostics;

namespace TaobaoLive.Deploy.Tests;

/// <summary>The docker (and docker-compose) command line, each call bounded.</summary>
public static class Docker
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        Execute("docker", arguments, null, DefaultTimeout);

    public static async Task<string> Check(params string[] arguments)
    {
        var (exitCode, output) = await Run(arguments);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', arguments)}: exit {exitCode}: {output}");
        return output;
    }

    /// <summary>Runs <paramref name="program"/> with extra environment variables; its exit code and its output and errors together.</summary>
    public static async Task<(int ExitCode, string Output)> Execute(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(bound.Token);
        var error = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, ((await output) + (await error)).Trim());
    }
}
