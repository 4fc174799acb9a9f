using System.Diagnostics;
using System.Globalization;
using TaobaoLive.Client;

namespace TaobaoLive.Simulator.Runs.Crash;

/// <summary>
/// One host process of a crash run: started from the host's published DLL with PostgreSQL, killed
/// with SIGKILL (no shutdown, no final write) and started again on the same ports, as a service
/// manager restarts a crashed process in place. The last lines of its output are kept for reports.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly string _hostDll;
    private readonly string[] _arguments;
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter? _log;
    private Process? _process;

    public SiloProcess(string hostDll, string connectionString, IEnumerable<string> settings, string? logDirectory = null)
    {
        _hostDll = hostDll;
        HttpPort = ListenPorts.Next();
        if (logDirectory is not null)
        {
            Directory.CreateDirectory(logDirectory);
            _log = new StreamWriter(Path.Combine(logDirectory, $"host-{HttpPort}.log"), append: true) { AutoFlush = true };
        }

        _arguments =
        [
            "--TaobaoLive:Store=PostgreSql",
            $"--ConnectionStrings:TaobaoLive={connectionString}",
            $"--Urls=http://127.0.0.1:{HttpPort}",
            $"--TaobaoLive:SiloPort={ListenPorts.Next()}",
            $"--TaobaoLive:GatewayPort={ListenPorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
            // Wall-clock times on the host's lines, to set them beside the run's own log.
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            .. settings,
        ];
        Api = new TaobaoLiveClient(new HttpClient
        {
            BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/")),
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public int HttpPort { get; }

    public TaobaoLiveClient Api { get; }

    public bool Running => _process is { HasExited: false };

    public int Starts { get; private set; }

    /// <summary>The last lines the process wrote (for a failure report).</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_hostDll)!,
        };
        start.ArgumentList.Add(_hostDll);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host process");
        Keep($"--- started ({Starts + 1})");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
    }

    /// <summary>Waits until the host answers its health check; throws with its output if it exits or does not come up in time.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < until)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"host on port {HttpPort} exited with {exited.ExitCode}:\n{Tail}");
            }

            try
            {
                using var response = await Api.Http.GetAsync("healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"host on port {HttpPort} not healthy within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    /// <summary>SIGTERM, as a service manager stops a process: waits until it has exited (a graceful stop writes everything first).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        if (SendSignal(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"could not send SIGTERM to the host on port {HttpPort}");
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"host on port {HttpPort} did not stop within {timeout.TotalSeconds:0} s of SIGTERM:\n{Tail}");
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>SIGKILL.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        lock (_tail)
        {
            _log?.Dispose();
        }

        Api.Http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _log?.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > 200)
            {
                _tail.Dequeue();
            }
        }
    }
}
