using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Streaming;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Host.Api;

public static class PlatformEndpoints
{
    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/platform", Ok<PlatformView> (RuleSet rules, BusinessClock clock, GeographyModel geography, UpwardOutbox outbox, OrderMeter orders) => TypedResults.Ok(new PlatformView(
                rules.Name,
                clock.Mode.ToString(),
                clock.Now,
                geography.SourceName,
                geography.Count(RegionLevel.Province),
                geography.Count(RegionLevel.City),
                geography.Count(RegionLevel.County),
                geography.Count(RegionLevel.Town),
                geography.Count(RegionLevel.Village),
                Environment.WorkingSet,
                System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64,
                GC.GetTotalMemory(forceFullCollection: false),
                outbox.Pending,
                orders.Applied)))
            .WithSummary("Rule set, clock, geography size, memory, upward backlog and orders applied by this silo")
            .WithTags("operations");
        return api;
    }
}
