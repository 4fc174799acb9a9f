using Microsoft.Extensions.DependencyInjection;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>How many activations of a grain class the cluster holds now (the silos' own statistics).</summary>
public static class Activations
{
    public static async Task<int> Of<TGrain>(IServiceProvider services)
    {
        var statistics = await services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Split(',')[0] == typeof(TGrain).FullName).Sum(s => s.ActivationCount);
    }
}
