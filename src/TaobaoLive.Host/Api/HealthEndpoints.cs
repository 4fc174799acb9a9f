using TaobaoLive.Client.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Api;

public static class HealthEndpoints
{
    /// <summary><c>GET /healthz</c>: 200 once the silo is active with its geography loaded, else 503.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (SiloReadiness readiness, GeographyModel geography) =>
            readiness.IsReady
                ? Results.Ok(new HealthView("ok", geography.SourceName, geography.Villages.Count))
                : Results.Json(new HealthView("starting", null, null), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithSummary("Readiness: 200 once the silo is up and the geography loaded, else 503")
            .Produces<HealthView>()
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("operations");
        return app;
    }
}
