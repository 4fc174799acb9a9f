using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Geography;

namespace TaobaoLive.Grains.Hosting;

/// <summary>
/// Has the geography as the silo initialises, before it joins the cluster (the host started loading
/// it when it was configured: <see cref="GeographyEarlyLoad"/>; this waits for it). Loaded on first use
/// instead, the national geography's seconds of CPU and its one blocking collection would fall on
/// a silo already answering membership probes, and short probe timeouts declare it dead.
/// </summary>
public sealed class GeographyPreload(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GeographyPreload), ServiceLifecycleStage.RuntimeInitialize, cancellationToken =>
        {
            _ = services.GetRequiredService<GeographyModel>();
            return Task.CompletedTask;
        });
}
