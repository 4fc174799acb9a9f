using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Health;

/// <summary>
/// Start-up: healthy once the silo has been active (it stays healthy afterwards, also while the
/// host stops). Loading a large geography and joining a cluster can take long; the start-up probe
/// covers that so the liveness probe can be strict.
/// </summary>
public sealed class SiloStartedHealthCheck(SiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.WhenActive.IsCompleted
            ? HealthCheckResult.Healthy("the silo has started")
            : HealthCheckResult.Unhealthy("the silo is starting"));
}
