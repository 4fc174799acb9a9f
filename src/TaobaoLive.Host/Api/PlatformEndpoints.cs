using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Streaming;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Host.Api;

public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/platform", (RuleSet rules, BusinessClock clock, GeographyModel geography, UpwardOutbox outbox, OrderMeter orders) => new PlatformView(
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
                orders.Applied))
            .WithTags("operations");
        return app;
    }
}
