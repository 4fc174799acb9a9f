using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using TaobaoLive.Contracts;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Host.Api;
using TaobaoLive.Host.Api.Ingest;
using TaobaoLive.Host.Diagnostics;
using TaobaoLive.Host.Live;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Simulation;
using TaobaoLive.Simulation;

namespace TaobaoLive.Host.Hosting;

public static class TaobaoLiveHostExtensions
{
    public const string IngestPolicy = "ingest";

    /// <summary>
    /// Options from the <c>TaobaoLive</c> and <c>Simulator</c> sections, each validated at start by its
    /// own <c>Validate()</c> (<see cref="OptionsProblems"/>; the pipeline's
    /// <see cref="TaobaoLiveOptions"/> by <see cref="TaobaoLiveSiloBuilderExtensions.AddTaobaoLivePipeline"/>).
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TaobaoLiveOptions>().Bind(builder.Configuration.GetSection(TaobaoLiveOptions.SectionName));
        builder.Services.AddOptions<PlatformHostOptions>().Bind(builder.Configuration.GetSection(TaobaoLiveOptions.SectionName)).ValidateProblems(o => o.Validate());
        builder.Services.AddOptions<SimulatorOptions>().Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName)).ValidateProblems(o => o.Validate());
        return builder;
    }

    /// <summary>
    /// The silo in this process: by default localhost clustering and grain state in memory, with
    /// TaobaoLive:Store=PostgreSql the PostgreSQL cluster and store; memory streams, the Orleans dashboard.
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveSilo(this WebApplicationBuilder builder)
    {
        // The ports are needed now, before the options are validated at start: same check, earlier.
        var hostOptions = OptionsProblems.Checked(
            builder.Configuration.GetSection(TaobaoLiveOptions.SectionName).Get<PlatformHostOptions>() ?? new PlatformHostOptions(),
            o => o.Validate());

        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        // The geography starts loading now, beside the rest of the start (docs/benchmarks.md).
        var geography = new GeographyEarlyLoad(builder.Configuration[$"{TaobaoLiveOptions.SectionName}:Geography"]);
        builder.Services.AddSingleton(sp => geography.For(sp.GetRequiredService<IOptions<TaobaoLiveOptions>>().Value));
        var store = builder.AddTaobaoLiveStoreOptions();
        builder.UseOrleans(silo =>
        {
            silo.AddTaobaoLiveStore(store, hostOptions.SiloPort, hostOptions.GatewayPort);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = hostOptions.ClusterId;
                cluster.ServiceId = hostOptions.ServiceId;
            });
            if (hostOptions.SiloName is { } siloName)
            {
                silo.Configure<SiloOptions>(options => options.SiloName = siloName);
            }

            silo.UseTaobaoLiveTls(hostOptions);
            silo.AddTaobaoLivePipeline();
            // Trace context crosses grain calls; activities exist only when a tracer listens (OTLP configured).
            silo.AddActivityPropagation();
            silo.AddDashboard();
            DashboardCounterReader.Replace(silo.Services);
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

    /// <summary>
    /// Live dashboards: the SignalR hub, who follows which topic, and the bridge that carries the
    /// silo's status feed and region numbers into the hub.
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveDashboards(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.Encoder = TaobaoLiveJson.Options.Encoder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveSubscriptions>();
        builder.Services.AddSingleton<LiveRefusals>();
        builder.Services.AddSingleton<LiveOutbox>();
        // SignalR logs every refused call at Error with a stack trace; LiveRefusals logs them counted instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        // The relay before its registration: hosted services stop in reverse order, so the host
        // unregisters before its relay stops taking changes.
        builder.Services.AddSingleton<StatusRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatusRelay>());
        builder.Services.AddSingleton<LiveFeedRegistration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeedRegistration>());
        builder.Services.AddSingleton<RegionNumbersPusher>();
        builder.Services.AddSingleton<LeaderboardPusher>();
        builder.Services.AddHostedService<LivePusher>();
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
        builder.Services.AddTaobaoLiveOpenApi();
        builder.Services.AddSingleton<ShopRegistrations>();
        builder.Services.AddSingleton<OrderIngest>();
        builder.Services.AddSingleton<RegionViews>();
        builder.Services.AddSingleton<Leaderboards>();
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
            ClientRateLimits.Configure(limiter);
            limiter.OnRejected = ClientRateLimits.OnRejected;
        });
        return builder;
    }

    public static WebApplication MapTaobaoLive(this WebApplication app)
    {
        // Outermost, so it logs the status the client finally got (a fault answered 503 included).
        app.UseTaobaoLiveAudit();
        app.UseApiStatusPages();
        app.UseTaobaoLiveTelemetry();
        app.UseClusterFaults();
        app.UseLiveOrigins();
        app.UseTaobaoLiveSecurity();
        app.UseRateLimiter();
        // After authorization (operators only reach it): the dashboard's grain state page activates nothing unknown.
        app.UseDashboardGrainStateGuard();
        // The dashboards (wwwroot: pages, scripts, and the npm libraries copied to wwwroot/lib by the build),
        // after authorization: without an endpoint they get the fallback (read) policy.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapHealth();
        app.MapSignIn();

        var reads = app.MapGroup(string.Empty).RequireViewer();
        var readApi = reads.MapGroup("/api");
        readApi.MapShopEndpoints();
        readApi.MapRegionEndpoints();
        readApi.MapThresholdEndpoints();
        readApi.MapTimelineEndpoints();
        readApi.MapPulseEndpoints();
        readApi.MapClusterEndpoints();
        readApi.MapEventEndpoints();
        readApi.MapLeaderboardEndpoints();
        reads.MapHub<LiveHub>(LiveHub.Path);

        // The ingest endpoint's documentation, added from outside Ingest/ through a group of one.
        app.MapGroup(string.Empty)
            .RequireIngest()
            .RequireUtf8()
            .WithSummary("Post orders and refunds, all or nothing; an Idempotency-Key makes a retry safe")
            .ProducesErrors(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .DocumentsBody(typeof(List<OrderRecord>), "orders: a JSON array, or one JSON object per line", ("application/json", null), ("application/x-ndjson", typeof(OrderRecord)))
            .DocumentsHeader(OrderEndpoints.IdempotencyHeader, "makes a retry safe: the retry gets the first answer (with Idempotent-Replayed: true) and is never counted twice")
            .MapOrderEndpoints();

        var operations = app.MapGroup(string.Empty).RequireOperator();
        operations.MapOpenApi();
        var operationsApi = operations.MapGroup("/api");
        operationsApi.MapPlatformEndpoints();
        operationsApi.MapSiloEndpoints();
        operations.MapTaobaoLiveMetrics();
        app.MapOrleansDashboard("/dashboard").RequireOperator();
        return app;
    }
}
