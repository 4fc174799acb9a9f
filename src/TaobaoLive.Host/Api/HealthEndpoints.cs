using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Health;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Api;

public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string StartupPath = "/health/startup";

    /// <summary>
    /// The probes: <c>/health/live</c> (the process answers; no check), <c>/health/ready</c> (silo
    /// active, store reachable, not shutting down), <c>/health/startup</c> (the silo has started);
    /// 200 when healthy, 503 otherwise, with each check's verdict. <c>GET /healthz</c>: 200 once the
    /// silo is active with its geography loaded, else 503. The probes are for orchestrators and
    /// balancers, not API clients: they stay out of the OpenAPI document.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup(string.Empty).AllowAnonymous();
        var probes = anonymous.MapGroup(string.Empty).ExcludeFromDescription();
        probes.MapHealthChecks(LivePath, Probe(_ => false));
        probes.MapHealthChecks(ReadyPath, Probe(check => check.Tags.Contains(TaobaoLiveHealthExtensions.ReadyTag)));
        probes.MapHealthChecks(StartupPath, Probe(check => check.Tags.Contains(TaobaoLiveHealthExtensions.StartupTag)));
        anonymous.MapGet("/healthz", Results<Ok<HealthView>, JsonHttpResult<HealthView>> (SiloReadiness readiness, GeographyModel geography) =>
            readiness.IsReady
                ? TypedResults.Ok(new HealthView("ok", geography.SourceName, geography.Villages.Count))
                : TypedResults.Json(new HealthView("starting", null, null), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithSummary("Readiness: 200 once the silo is up and the geography loaded, else 503")
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("operations");
        return app;
    }

    private static HealthCheckOptions Probe(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteReport,
    };

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
