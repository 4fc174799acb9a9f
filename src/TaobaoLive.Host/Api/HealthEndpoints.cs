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
                ? Results.Ok(new { status = "ok", geography = geography.SourceName, villages = geography.Villages.Count })
                : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("operations");
        return app;
    }
}
