using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using TaobaoLive.Client;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Host.Api;
using TaobaoLive.Host.Api.Ingest;
using TaobaoLive.Host.Simulation;
using TaobaoLive.Simulator;

namespace TaobaoLive.Host.Hosting;

public static class TaobaoLiveHostExtensions
{
    public const string IngestPolicy = "ingest";

    /// <summary>Options from the <c>TaobaoLive</c> section, validated at start.</summary>
    public static WebApplicationBuilder AddTaobaoLiveOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TaobaoLiveOptions>().Bind(builder.Configuration.GetSection(TaobaoLiveOptions.SectionName)).ValidateOnStart();
        builder.Services.AddOptions<PlatformHostOptions>().Bind(builder.Configuration.GetSection(TaobaoLiveOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TaobaoLiveOptions>, OptionsValidation>();
        builder.Services.AddSingleton<IValidateOptions<PlatformHostOptions>, OptionsValidation>();
        builder.Services.AddOptions<SimulatorOptions>().Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, OptionsValidation>();
        return builder;
    }

    /// <summary>
    /// The embedded default: one silo in this process, localhost clustering, grain state in memory,
    /// memory streams, the Orleans dashboard.
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveSilo(this WebApplicationBuilder builder)
    {
        var hostOptions = builder.Configuration.GetSection(TaobaoLiveOptions.SectionName).Get<PlatformHostOptions>() ?? new PlatformHostOptions();
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(hostOptions.SiloPort, hostOptions.GatewayPort);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = "taobaolive";
                cluster.ServiceId = "taobaolive";
            });
            silo.AddTaobaoLivePipeline().AddTaobaoLiveMemoryStorage();
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>The live simulator (off unless Simulator:Enabled) and the start-up banner.</summary>
    public static WebApplicationBuilder AddTaobaoLiveSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SimulatorService>();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>JSON, OpenAPI, the ingest concurrency limit and the services behind the endpoints.</summary>
    public static WebApplicationBuilder AddTaobaoLiveApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = TaobaoLiveJson.Options.PropertyNamingPolicy;
            json.SerializerOptions.Encoder = TaobaoLiveJson.Options.Encoder;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<ShopRegistrations>();
        builder.Services.AddSingleton<OrderIngest>();
        builder.Services.AddSingleton<RegionViews>();
        builder.Services.AddRateLimiter(limiter =>
        {
            // One shared concurrency limit for ingest: beyond it requests queue, beyond the queue 503.
            limiter.AddPolicy(IngestPolicy, context =>
            {
                var host = context.RequestServices.GetRequiredService<IOptions<PlatformHostOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter(IngestPolicy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = host.MaxConcurrentIngest,
                    QueueLimit = host.IngestQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new ApiErrors([new ApiError(-1, null, "the platform is at capacity; retry after 1 second")]), cancellationToken);
            };
        });
        return builder;
    }

    public static WebApplication MapTaobaoLive(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealth();
        app.MapPlatformEndpoints();
        app.MapShopEndpoints();
        app.MapOrderEndpoints();
        app.MapRegionEndpoints();
        app.MapClusterEndpoints();
        app.MapEventEndpoints();
        app.MapLeaderboardEndpoints();
        app.MapOrleansDashboard("/dashboard");
        return app;
    }
}
