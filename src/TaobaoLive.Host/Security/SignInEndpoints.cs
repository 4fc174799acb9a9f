using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TaobaoLive.Host.Security;

/// <summary>
/// Browsers sign in once with a key and get an HttpOnly, SameSite=Strict cookie; the pages, their API
/// calls and the live hub then work with it. <c>GET /signin</c> is the form, <c>POST /signin</c>
/// checks the key, <c>POST /signout</c> ends it.
/// </summary>
public static class SignInEndpoints
{
    public const string Path = "/signin";

    public const string SignOutPath = "/signout";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        // Pages for people, not API operations: anonymous and out of the OpenAPI document.
        var pages = app.MapGroup(string.Empty).AllowAnonymous().ExcludeFromDescription();
        pages.MapGet(Path, (string? returnUrl) => Page(LocalOnly(returnUrl), message: null, StatusCodes.Status200OK));
        pages.MapPost(Path, SignIn)
            .DisableAntiforgery();
        pages.MapPost(SignOutPath, async Task<RedirectHttpResult> (HttpContext context) =>
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return TypedResults.Redirect(Path);
            })
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(HttpContext context, ApiKeyStore keys, AccessMode mode, ILoggerFactory loggers)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("/", "send the form: key=…", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalOnly(form["returnUrl"].ToString());
        if (mode.Open)
        {
            return TypedResults.Redirect(returnUrl);
        }

        var key = form["key"].ToString().Trim();
        if (key.Length == 0 || keys.Find(key) is not { } entry)
        {
            loggers.CreateLogger(typeof(SignInEndpoints)).LogWarning("Sign-in refused from {Address}: unknown key", context.Connection.RemoteIpAddress);
            return Page(returnUrl, "that key is not known to this host", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyStore.Principal(entry, CookieAuthenticationDefaults.AuthenticationScheme));
        loggers.CreateLogger(typeof(SignInEndpoints)).LogInformation("Signed in {Key} ({Role}) from {Address}", entry.Name, entry.Role, context.Connection.RemoteIpAddress);
        return TypedResults.Redirect(returnUrl);
    }

    /// <summary>Only a path on this host: never an absolute URL, "//host" or "/\host" (open redirect).</summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static ContentHttpResult Page(string returnUrl, string? message, int status)
    {
        var error = message is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(message)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · TaobaoLive</title>
            <style>
              body { font-family: system-ui, sans-serif; background: #0b1020; color: #e8ecf4; display: grid; place-items: center; min-height: 100vh; margin: 0; }
              form { background: #141b33; padding: 2rem; border-radius: 8px; min-width: 22rem; }
              h1 { font-size: 1.3rem; margin-top: 0; }
              label, input, button { display: block; width: 100%; box-sizing: border-box; }
              input { margin: .4rem 0 1rem; padding: .5rem; font-family: monospace; }
              button { padding: .5rem; cursor: pointer; }
              .error { color: #ff8a80; }
            </style>
            </head>
            <body>
            <form method="post" action="{{Path}}">
              <h1>TaobaoLive: sign in</h1>
              {{error}}
              <label for="key">Key</label>
              <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
              <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
