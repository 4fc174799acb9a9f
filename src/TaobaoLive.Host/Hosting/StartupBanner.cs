using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Host.Security;
using TaobaoLive.Simulation;

namespace TaobaoLive.Host.Hosting;

/// <summary>Prints where to look once the host listens: a newcomer's first question.</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IOptions<TaobaoLiveOptions> pipeline, IOptions<SimulatorOptions> simulator, IOptions<AuthOptions> auth, AccessMode access) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
            Console.WriteLine();
            Console.WriteLine($"TaobaoLive is up — rule set {pipeline.Value.RuleSet}, {pipeline.Value.Clock} clock, simulator {(simulator.Value.Enabled ? "on" : "off")}");
            Console.WriteLine($"  Live dashboards    {address}/   (big screen; {address}/clusters.html; drill-down {address}/region.html?id=country-cn)");
            Console.WriteLine($"  Orleans dashboard  {address}/dashboard");
            Console.WriteLine($"  API                {address}/api/platform   (OpenAPI: {address}/openapi/v1.json)");
            Console.WriteLine($"  Health             {address}/healthz");
            Console.WriteLine($"  Access             {Access()}");
            Console.WriteLine();
        });
        return Task.CompletedTask;
    }

    private string Access()
    {
        if (access.Open)
        {
            return "OPEN: no keys configured, listening on loopback only, so anyone on this machine may read and write (taobaolive new-key makes a key)";
        }

        var keys = auth.Value.Keys;
        var roles = string.Join(", ", TaobaoLiveRoles.All.Select(role => $"{keys.Count(k => k.Role == role)} {role}"));
        return $"keys required ({roles}{(auth.Value.JwtAuthority is null ? "" : "; JWT from " + auth.Value.JwtAuthority)}); "
            + (access.AnonymousRead ? "reads are public (AnonymousRead)" : "browsers sign in at /signin");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
