using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>
/// An API error always has a body. Answers the framework gives without one (a route that does not
/// exist, a wrong method, a parameter it could not bind) get the API's error shape and a reason.
/// </summary>
internal static class ApiStatusPages
{
    public static IApplicationBuilder UseApiStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                return;
            }

            var status = http.Response.StatusCode;
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"no API endpoint {http.Request.Method} {http.Request.Path} (see /openapi/v1.json)",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path} (see /openapi/v1.json)",
                StatusCodes.Status415UnsupportedMediaType => $"content type '{http.Request.ContentType}' is not accepted here",
                StatusCodes.Status400BadRequest => "the request could not be read: check its parameters against /openapi/v1.json",
                _ => $"HTTP {status}",
            };
            await http.Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, null, message)]));
        });
}
