using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Geography;

namespace TaobaoLive.Grains.Hosting;

/// <summary>
/// Loads the geography as the silo initialises, before it joins the cluster. Loaded on first use
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
