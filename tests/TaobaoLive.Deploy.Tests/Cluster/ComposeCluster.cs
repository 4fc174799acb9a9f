using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using TaobaoLive.Client;

namespace TaobaoLive.Deploy.Tests.Cluster;

/// <summary>
/// deploy/compose brought up as an operator does (docker-compose with compose.yaml) from the images
/// CI builds: PostgreSQL, three silos and nginx, the balancer published on a free loopback port.
/// One override, for time only: membership probes of 2 s with 2 misses, so a killed silo is declared
/// dead in seconds rather than the half minute of the defaults. Silos are reached directly at their
/// fixed addresses (the test runs on the Docker host) only for probes and metrics; every API call
/// and the dashboards go through the balancer. Shared by the tests of one collection, which each
/// leave all three silos ready.
/// </summary>
public sealed class ComposeCluster : IAsyncLifetime
{
    public const string Key = "tlk_compose_cluster_test_key_0001";
    public static readonly IReadOnlyList<string> Silos = ["silo1", "silo2", "silo3"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _work = Directory.CreateTempSubdirectory("taobaolive-compose-test-").FullName;
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, HttpClient> _direct = [];

    public ComposeCluster()
    {
        // Its own project and network per run, beside an operator's cluster or another engineer's run.
        Project = $"taobaolive-test-{Environment.ProcessId}";
        SubnetPrefix = $"172.30.{100 + (Environment.ProcessId % 150)}";
        BalancerPort = FreePorts.Next();
        _environment = new()
        {
            ["TAOBAOLIVE_DB_PASSWORD"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["TAOBAOLIVE_KEY_SHA256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["TAOBAOLIVE_PORT"] = BalancerPort.ToString(CultureInfo.InvariantCulture),
            [ComposeFile.SubnetVariable] = SubnetPrefix,
            ["TAOBAOLIVE_HOST_IMAGE"] = Environment.GetEnvironmentVariable(DockerClusterFactAttribute.HostImage) ?? string.Empty,
            ["TAOBAOLIVE_NGINX_IMAGE"] = Environment.GetEnvironmentVariable(DockerClusterFactAttribute.NginxImage) ?? string.Empty,
            ["TAOBAOLIVE_POSTGRES_IMAGE"] = Environment.GetEnvironmentVariable(DockerClusterFactAttribute.PostgresImage) ?? string.Empty,
        };
        Balancer = Client(new Uri($"http://127.0.0.1:{BalancerPort}/"), TimeSpan.FromSeconds(30));
        Api = new TaobaoLiveClient(Balancer);
        foreach (var silo in Silos)
        {
            _direct[silo] = Client(new Uri($"http://{ComposeFile.Address(silo, SubnetPrefix)}:8080/"), TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>docker-compose's project name: containers are <c>{Project}_{service}_1</c>.</summary>
    public string Project { get; }

    /// <summary>The cluster network's first three octets (compose.yaml's TAOBAOLIVE_SUBNET_PREFIX).</summary>
    public string SubnetPrefix { get; }

    public int BalancerPort { get; }

    public Uri BalancerAddress => Balancer.BaseAddress!;

    /// <summary>The balancer, with the operator key.</summary>
    public HttpClient Balancer { get; }

    public TaobaoLiveClient Api { get; }

    /// <summary>How long bringing the cluster up took (compose up to every silo ready).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>Every order acknowledged through the balancer by any test, for the country's total.</summary>
    public OrderLedger Ledger { get; } = new();

    public string Container(string service) => $"{Project}_{service}_1";

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(_environment["TAOBAOLIVE_HOST_IMAGE"]))
        {
            return; // the tests are skipped (DockerClusterFact)
        }

        var watch = Stopwatch.StartNew();
        File.WriteAllText(Path.Combine(_work, "compose.test.yaml"), Override);
        var (exitCode, output) = await Compose(TimeSpan.FromSeconds(180), "up", "-d");
        Assert.True(exitCode == 0, $"docker-compose up: exit {exitCode}: {output}");
        foreach (var silo in Silos)
        {
            await WaitUntilReady(silo);
        }

        await Eventually.Until(() => Status(Balancer, "health/ready"), s => s == HttpStatusCode.OK, "the balancer answering for a ready silo", StartTimeout);
        StartedIn = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(_environment["TAOBAOLIVE_HOST_IMAGE"]))
        {
            await Compose(TimeSpan.FromSeconds(120), "down", "-v", "--remove-orphans", "-t", "5");
        }

        Balancer.Dispose();
        foreach (var client in _direct.Values)
        {
            client.Dispose();
        }

        Directory.Delete(_work, recursive: true);
    }

    /// <summary>Until the silo's own /health/ready answers 200 (silo active, store reachable, not stopping).</summary>
    public Task WaitUntilReady(string silo) =>
        Eventually.Until(() => Status(_direct[silo], "health/ready"), s => s == HttpStatusCode.OK, $"{silo} ready", StartTimeout);

    /// <summary>One silo's own metrics (not through the balancer, which would pick one at random).</summary>
    public async Task<PrometheusScrape> Scrape(string silo) =>
        PrometheusScrape.Parse(await _direct[silo].GetStringAsync("metrics"));

    /// <summary>The sum over the three silos of one counter.</summary>
    public async Task<double> ClusterSum(string name, string? label = null, string? value = null)
    {
        var sum = 0.0;
        foreach (var silo in Silos)
        {
            sum += (await Scrape(silo)).Sum(name, label, value);
        }

        return sum;
    }

    /// <summary>
    /// The silo holding the balancer's open upstream connections: at a moment without API requests in
    /// flight, the dashboards' WebSockets (nginx keeps no idle upstream connections). Read from the
    /// balancer's own TCP table, so the test need not know nginx's hash.
    /// </summary>
    public async Task<string> SiloHoldingTheWebSockets()
    {
        var addresses = Silos.ToDictionary(silo => ComposeFile.Address(silo, SubnetPrefix));
        var held = await Eventually.Until(
            async () =>
            {
                var table = await Docker.Check("exec", Container("balancer"), "cat", "/proc/net/tcp");
                return table.Split('\n').Skip(1)
                    .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Where(f => f.Length > 3 && f[3] == "01" && f[2].EndsWith(":1F90", StringComparison.Ordinal))
                    .Select(f => new IPAddress(BitConverter.GetBytes(uint.Parse(f[2][..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToString())
                    .Distinct()
                    .ToList();
            },
            silos => silos.Count == 1,
            "exactly one silo holding the balancer's open upstream connections");
        return addresses[held[0]];
    }

    public Task Kill(string silo) => Docker.Check("kill", Container(silo));

    /// <summary>docker stop: SIGTERM, then SIGKILL only after compose's grace period (45 s).</summary>
    public Task Stop(string silo) => Docker.Check("stop", "-t", "45", Container(silo));

    public Task Start(string silo) => Docker.Check("start", Container(silo));

    /// <summary>The last 60 lines of one container's log since <paramref name="since"/>, each with its time.</summary>
    public async Task<string> LogsSince(string service, DateTimeOffset since) =>
        (await Docker.Run("logs", "--timestamps", "--tail", "60", "--since", since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Container(service))).Output;

    /// <summary>The exit code of a stopped container (137: SIGKILLed, e.g. at the end of docker stop's grace period).</summary>
    public async Task<int> ExitCode(string service) =>
        int.Parse(await Docker.Check("inspect", "-f", "{{.State.ExitCode}}", Container(service)), CultureInfo.InvariantCulture);

    /// <summary>The last lines of every container's log, for a failure's message.</summary>
    public async Task<string> Logs(int lines = 40)
    {
        var text = new StringBuilder();
        foreach (var service in Silos.Append("balancer"))
        {
            var (_, output) = await Docker.Run("logs", "--tail", lines.ToString(CultureInfo.InvariantCulture), Container(service));
            text.Append("--- ").Append(service).Append('\n').Append(output).Append('\n');
        }

        return text.ToString();
    }

    private static string Override => """
        # Written by tests/TaobaoLive.Deploy.Tests: short membership probes, so a killed silo is declared dead in seconds.
        version: "3.8"
        x-probes: &probes
          TaobaoLive__MembershipProbeTimeout: "00:00:02"
          TaobaoLive__MembershipMissedProbesLimit: "2"
        services:
          silo1:
            environment: *probes
          silo2:
            environment: *probes
          silo3:
            environment: *probes
        """;

    private Task<(int ExitCode, string Output)> Compose(TimeSpan timeout, params string[] arguments) =>
        Docker.Execute(
            "docker-compose",
            ["-p", Project, "-f", ComposeFile.Path, "-f", Path.Combine(_work, "compose.test.yaml"), .. arguments],
            _environment,
            timeout);

    private static HttpClient Client(Uri address, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }
}
