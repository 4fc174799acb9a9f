using System.Diagnostics;
using System.Globalization;
using System.Text;
using TaobaoLive.Client;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// The host as its own operating-system process (the built TaobaoLive.Host.dll) with
/// TaobaoLive:Store=PostgreSql, so a test can kill it abruptly. Its output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public HostProcess(string connectionString, params string[] settings)
    {
        HttpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in new[]
        {
            "--TaobaoLive:Store=PostgreSql",
            $"--ConnectionStrings:TaobaoLive={connectionString}",
            $"--Urls=http://127.0.0.1:{HttpPort}",
            $"--TaobaoLive:SiloPort={FreePorts.Next()}",
            $"--TaobaoLive:GatewayPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
            // Several hosts and several test databases share one server (max_connections 100).
            "--TaobaoLive:MaxPoolSize=8",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host process");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Api = new TaobaoLiveClient(new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/")) });
    }

    public int HttpPort { get; }

    public TaobaoLiveClient Api { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until the host answers its health check (the silo is active).</summary>
    public Task WaitUntilHealthy() => Eventually.Until(
        async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Api.Http.GetAsync("healthz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        },
        healthy => healthy,
        $"host on port {HttpPort} healthy",
        TimeSpan.FromSeconds(60));

    /// <summary>SIGKILL: no shutdown, no final state write.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        Api.Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
