using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Host.Api;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Health;

/// <summary>The Kubernetes-style probes: what each checks, and how they behave at stop and under load.</summary>
[Collection(HostCollection.Name)]
public sealed class HealthProbeTests(HostFixture host)
{
    [Fact]
    public async Task A_running_host_is_live_ready_and_started_and_says_which_checks_passed()
    {
        var live = await Probe(host.Http, HealthEndpoints.LivePath);
        var ready = await Probe(host.Http, HealthEndpoints.ReadyPath);
        var startup = await Probe(host.Http, HealthEndpoints.StartupPath);
        using var healthz = await host.Http.GetAsync("healthz");

        Assert.Equal((HttpStatusCode.OK, "Healthy", ""), live);
        Assert.Equal((HttpStatusCode.OK, "Healthy", "silo=Healthy (the silo is active); store=Healthy (in-memory store)"), ready);
        Assert.Equal((HttpStatusCode.OK, "Healthy", "started=Healthy (the silo has started)"), startup);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    [Fact]
    public async Task Ready_turns_false_when_the_host_stops_while_the_silo_still_serves_and_live_stays_true()
    {
        // The stop below waits in the drain until the test moves the drain's clock on.
        await using var probeHost = new ProbeHost(new Dictionary<string, string?> { ["TaobaoLive:ShutdownDrainDelay"] = "00:00:05" });
        await probeHost.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await Probe(probeHost.Http, HealthEndpoints.ReadyPath)).Status);

        // Taken now: once stopped, Program's Run returns and disposes the host's services.
        var silo = probeHost.Services.GetRequiredService<SiloReadiness>();
        var stopping = probeHost.Host.StopAsync();

        var ready = await Eventually.Until(() => Probe(probeHost.Http, HealthEndpoints.ReadyPath), r => r.Status == HttpStatusCode.ServiceUnavailable, "readiness 503");
        var live = await Probe(probeHost.Http, HealthEndpoints.LivePath);
        var startup = await Probe(probeHost.Http, HealthEndpoints.StartupPath);
        using var grainCall = await probeHost.Http.GetAsync("api/regions?level=province");
        var siloActive = silo.IsReady;
        var stoppedBeforeTheDrainEnded = stopping.IsCompleted;
        probeHost.DrainTime.Advance(TimeSpan.FromSeconds(5));
        await stopping;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy", "silo=Unhealthy (the host is shutting down); store=Healthy (in-memory store)"), ready);
        Assert.Equal((HttpStatusCode.OK, "Healthy", ""), live);
        Assert.Equal(HttpStatusCode.OK, startup.Status);
        Assert.Equal(HttpStatusCode.OK, grainCall.StatusCode);
        Assert.True(siloActive);
        Assert.False(stoppedBeforeTheDrainEnded);
        Assert.False(silo.IsReady);
    }

    [Fact]
    public async Task Live_and_ready_stay_true_while_ingest_is_at_capacity()
    {
        await using var probeHost = new ProbeHost(new Dictionary<string, string?>
        {
            ["TaobaoLive:MaxConcurrentIngest"] = "1",
            ["TaobaoLive:IngestQueue"] = "0",
        });
        await probeHost.InitializeAsync();
        // The one ingest permit is held by a request whose body has not finished arriving. It can
        // meet one of the probing posts below at the limiter and be refused itself: then it is sent again.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The test server's own client: the factory's default one buffers request bodies.
        using var streaming = probeHost.Server.CreateClient();
        Task<HttpResponseMessage> Hold() => streaming.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = new GatedContent("[", "]", gate.Task) { Headers = { ContentType = new("application/json") } },
        });
        var holding = Hold();

        var refused = await Eventually.Until(
            async () =>
            {
                if (holding.IsCompleted)
                {
                    (await holding).Dispose();
                    holding = Hold();
                }

                return (await probeHost.Http.PostRaw("api/orders", "[]")).Status;
            },
            status => status == HttpStatusCode.ServiceUnavailable,
            "an ingest request refused at capacity");
        var live = await Probe(probeHost.Http, HealthEndpoints.LivePath);
        var ready = await Probe(probeHost.Http, HealthEndpoints.ReadyPath);
        gate.SetResult();
        using var first = await holding;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Verdict, string Checks)> Probe(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}={c.GetProperty("status").GetString()} ({c.GetProperty("description").GetString()})");
        return (response.StatusCode, json.RootElement.GetProperty("status").GetString()!, string.Join("; ", checks));
    }

    /// <summary>JSON body sent in two parts, the second once <c>gate</c> completes.</summary>
    private sealed class GatedContent(string head, string tail, Task gate) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head));
            await stream.FlushAsync();
            await gate;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(tail));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
