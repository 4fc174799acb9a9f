namespace TaobaoLive.Host.Security;

/// <summary>The authorization policies every endpoint is mapped with (see <see cref="SecurityExtensions"/>).</summary>
public static class TaobaoLivePolicies
{
    /// <summary>Viewer role, or anyone when <c>TaobaoLive:Auth:AnonymousRead</c> is true. Also the fallback for pages.</summary>
    public const string Read = "taobaolive-read";

    /// <summary>Ingest role: posting orders and shops.</summary>
    public const string Write = "taobaolive-write";

    /// <summary>Operator role: silos, platform, the Orleans dashboard, OpenAPI, metrics.</summary>
    public const string Operate = "taobaolive-operate";

    /// <summary>Operator only, e.g. <c>app.MapPrometheusScrapingEndpoint().RequireOperator()</c>.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Operate);

    /// <summary>Ingest role (writes).</summary>
    public static TBuilder RequireIngest<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Write);

    /// <summary>Viewer role, or anyone with anonymous reads on.</summary>
    public static TBuilder RequireViewer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Read);
}
