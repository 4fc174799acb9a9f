using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Health;

/// <summary>
/// Readiness of the silo: active, and this host not shutting down. It turns unhealthy the moment
/// the host is asked to stop (before the drain delay, the HTTP server's stop and the silo leaving
/// the cluster), so a balancer or Kubernetes stops sending new requests while this host still
/// answers the ones it has.
/// </summary>
public sealed class SiloActiveHealthCheck(SiloReadiness readiness, ShutdownDrain drain, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            drain.Draining || lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("the host is shutting down")
            : readiness.IsReady ? HealthCheckResult.Healthy("the silo is active")
            : HealthCheckResult.Unhealthy("the silo is not active"));
}
