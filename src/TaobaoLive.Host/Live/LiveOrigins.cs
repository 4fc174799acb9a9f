using Microsoft.Extensions.Options;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Live;

/// <summary>
/// The live hub answers pages of its own origin and of <see cref="PlatformHostOptions.LiveAllowedOrigins"/>
/// only. CORS does not cover WebSockets, so a page elsewhere could otherwise open a connection
/// riding on a signed-in viewer's cookie; requests without an Origin (tools, not browsers) pass.
/// </summary>
public static class LiveOrigins
{
    public const string CrossOrigin = "cross-origin page";

    public static IApplicationBuilder UseLiveOrigins(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(LiveHub.Path), branch => branch.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            var allowed = context.RequestServices.GetRequiredService<IOptions<PlatformHostOptions>>().Value.LiveAllowedOrigins;
            if (origin.Length == 0
                || string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase)
                || allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
            {
                await next(context);
                return;
            }

            context.RequestServices.GetRequiredService<LiveRefusals>().Refused(CrossOrigin, "origin " + origin, "not this host's origin nor in TaobaoLive:LiveAllowedOrigins");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, "Origin",
                $"pages from {origin} may not connect to the live hub; the host's operator can add it to TaobaoLive:LiveAllowedOrigins")]));
        }));
}
