using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TaobaoLive.Grains.Diagnostics;

namespace TaobaoLive.Host.Diagnostics;

public static class TaobaoLiveTelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard OpenTelemetry variable: set, traces, metrics and logs also go there over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry: the <c>TaobaoLive</c> and <c>Microsoft.Orleans</c> meters, ASP.NET Core's and
    /// the runtime's, scraped by Prometheus at <c>/metrics</c>; with
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, also exported over OTLP together with traces from
    /// HTTP requests through grain calls (Orleans' activity propagation) and PostgreSQL commands.
    /// Without an OTLP endpoint nothing listens to the trace sources, so grain calls carry no
    /// activity and pay nothing for it.
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveTelemetry(this WebApplicationBuilder builder)
    {
        RepeatedLineLimit.Wrap(builder.Logging);
        builder.Services.AddSingleton<TaobaoLiveMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "taobaolive",
                serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(TaobaoLiveMetrics.MeterName, "Microsoft.Orleans", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape collects afresh: counters read exactly what has been recorded.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql")
                    .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsOperations(context.Request.Path)))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>The ingest timing; outside the cluster-fault and rate-limit middleware, so it sees their answers.</summary>
    public static WebApplication UseTaobaoLiveTelemetry(this WebApplication app)
    {
        app.UseIngestMetrics();
        return app;
    }

    /// <summary>The Prometheus scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public static IEndpointConventionBuilder MapTaobaoLiveMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath);

    private static bool IsOperations(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments("/healthz");
}
