using TaobaoLive.Abstractions.Clock;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Areas;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Clusters;
using TaobaoLive.Grains.Events;
using TaobaoLive.Grains.Live;
using TaobaoLive.Grains.Rankings;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Towns;
using TaobaoLive.Grains.Villages;
using TaobaoLive.Host.Api;
using TaobaoLive.Host.Api.Ingest;

namespace TaobaoLive.Host.Hosting;

/// <summary>
/// The Orleans dashboard's grain state page (<c>/dashboard/GrainState?grainType=…&amp;grainId=…</c>)
/// activates whatever grain it is asked for. Here it is asked only for grains that exist: a
/// registered shop (from the shop directory, no grain touched), a region of the geography at the
/// grain's level, a province's clusters, a level's ranking, the status history, the live feed and the
/// event clock. Anything else is 404 before the dashboard sees it.
/// </summary>
public static class DashboardGrainState
{
    public const string Path = "/dashboard/GrainState";

    public static IApplicationBuilder UseDashboardGrainStateGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var type = context.Request.Query["grainType"].ToString();
        var id = context.Request.Query["grainId"].ToString();
        if (await Problem(type, id, context.RequestServices) is { } problem)
        {
            await ApiResults.NotFound(problem, "grainId").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>Why the grain must not be activated, or null when it exists.</summary>
    public static async ValueTask<string?> Problem(string type, string id, IServiceProvider services)
    {
        var geography = services.GetRequiredService<GeographyModel>();
        bool RegionAt(params RegionLevel[] levels) => geography.FindById(id) is { } region && levels.Contains(region.Level);
        var known = type switch
        {
            _ when type == typeof(ShopGrain).FullName => ShopIds.Problem(id) is null && await services.GetRequiredService<ShopRegistrations>().VillageOf(id) is not null,
            _ when type == typeof(VillageGrain).FullName => RegionAt(RegionLevel.Village),
            _ when type == typeof(TownGrain).FullName => RegionAt(RegionLevel.Town),
            _ when type == typeof(AreaGrain).FullName => RegionAt(RegionLevel.County, RegionLevel.City, RegionLevel.Province, RegionLevel.Country),
            _ when type == typeof(ClusterGrain).FullName => RegionAt(RegionLevel.Province),
            _ when type == typeof(RankingGrain).FullName => Enum.GetValues<RegionLevel>().Any(level => RegionViews.LevelName(level) == id),
            _ when type == typeof(StatusHistoryGrain).FullName => id == IStatusHistoryGrain.Key,
            _ when type == typeof(LiveFeedGrain).FullName => id == ILiveFeedGrain.Key,
            _ when type == typeof(EventClockGrain).FullName => id == IEventClockGrain.Key,
            _ => (bool?)null,
        };
        return known switch
        {
            true => null,
            false => $"no {type.Split('.')[^1]} with id '{id}': the dashboard shows grains that exist, and activates none for an unknown id",
            null => $"the dashboard shows the state of shops, regions, clusters, rankings, the status history, the live feed and the event clock, not '{type}'",
        };
    }
}
