using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Contracts;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Host.Api;

public static class PulseEndpoints
{
    /// <summary>
    /// <c>GET /api/pulse</c>: for viewers, the two platform figures the big screen needs every second
    /// (<c>/api/platform</c>, which has them too, is for operators). Maps under the <c>/api</c> group it is given.
    /// </summary>
    public static IEndpointRouteBuilder MapPulseEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/pulse", Ok<PulseView> (BusinessClock clock, OrderMeter orders) => TypedResults.Ok(new PulseView(clock.Now, orders.Applied)))
            .WithSummary("Business time and the orders this silo applied since start, for the dashboards' order rate")
            .WithTags("regions");
        return api;
    }
}
