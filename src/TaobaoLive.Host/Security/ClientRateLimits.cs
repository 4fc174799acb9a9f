using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Security;

/// <summary>
/// One client cannot starve the others: every request spends a token from its key's bucket (or, for
/// anonymous reads, its address's bucket); an empty bucket is 429 with Retry-After. Open mode (no
/// keys, loopback only) has no per-client limit: it is one user on one machine, benchmarks included.
/// </summary>
public static class ClientRateLimits
{
    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var mode = context.RequestServices.GetRequiredService<AccessMode>();
            if (mode.Open || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/health"))
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                var perSecond = context.RequestServices.GetRequiredService<ApiKeyStore>().FindByName(name)?.RequestsPerSecond is > 0 and var own ? own : auth.RequestsPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter("key:" + name, _ => Bucket(perSecond));
            }

            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(auth.AnonymousRequestsPerSecond));
        });
    }

    /// <summary>A full bucket allows a burst of two seconds' worth; refilled every second.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond * 2,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>429 with Retry-After for a client over its limit; 503 when the shared ingest queue is full.</summary>
    public static async ValueTask OnRejected(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, null,
                $"too many requests from this client; retry after {seconds} second{(seconds == 1 ? "" : "s")}")]), cancellationToken);
            return;
        }

        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "1";
        await response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, null, "the platform is at capacity; retry after 1 second")]), cancellationToken);
    }
}
