namespace TaobaoLive.Host.Health;

public static class TaobaoLiveHealthExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of the checks behind <c>/health/startup</c>.</summary>
    public const string StartupTag = "startup";

    /// <summary>
    /// ASP.NET Core health checks for the probes: the silo and the store for readiness, the silo's
    /// first activation for start-up; liveness runs none (the process answering is the answer).
    /// </summary>
    public static WebApplicationBuilder AddTaobaoLiveHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<SiloStartedHealthCheck>("started", tags: [StartupTag]);
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        return builder;
    }
}
