using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api;

/// <summary>
/// The host's routing table as clients and operators meet it: every route's pattern, methods, the
/// authorization it requires and its rate limit. Regrouping endpoints must leave every line as it is.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EndpointTableTests(HostFixture host)
{
    private static readonly string[] Expected =
    [
        "* /health/live [] anonymous",
        "* /health/ready [] anonymous",
        "* /health/startup [] anonymous",
        "* /hubs/live [taobaolive-read]",
        "* /hubs/live/negotiate [taobaolive-read]",
        "* /metrics [taobaolive-operate]",
        "GET /api/clusters [taobaolive-read]",
        "GET /api/events [taobaolive-read]",
        "GET /api/leaderboards/{board} [taobaolive-read]",
        "GET /api/platform [taobaolive-operate]",
        "GET /api/pulse [taobaolive-read]",
        "GET /api/regions/ [taobaolive-read]",
        "GET /api/regions/children [taobaolive-read]",
        "GET /api/regions/search [taobaolive-read]",
        "GET /api/regions/{**id} [taobaolive-read]",
        "GET /api/regions/{id}/thresholds [taobaolive-read]",
        "GET /api/shops/{shopId} [taobaolive-read]",
        "GET /api/silos [taobaolive-operate]",
        "GET /api/timeline [taobaolive-read]",
        "GET /healthz [] anonymous",
        "GET /openapi/{documentName}.json [taobaolive-operate]",
        "GET /signin [] anonymous",
        "POST /api/orders [taobaolive-write] limit=ingest",
        "POST /api/shops/ [taobaolive-read,taobaolive-write]",
        "POST /signin [] anonymous",
        "POST /signout [] anonymous",
    ];

    [Fact]
    public void Every_route_keeps_its_pattern_methods_policy_and_rate_limit()
    {
        var table = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/dashboard", StringComparison.Ordinal))
            .Select(Line)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Expected, table);
    }

    private static string Line(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { } m ? string.Join(",", m) : "*";
        var policies = string.Join(",", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)"));
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? " anonymous" : string.Empty;
        var limit = endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } name ? $" limit={name}" : string.Empty;
        return $"{methods} {endpoint.RoutePattern.RawText} [{policies}]{anonymous}{limit}";
    }
}
