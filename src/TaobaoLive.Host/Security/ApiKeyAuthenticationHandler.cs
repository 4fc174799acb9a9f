using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> (or, on the live hub, the JS client's <c>access_token</c>).
/// Also answers every challenge and refusal of the host: a page asked for by a browser goes to the
/// sign-in page, anything else gets 401 or 403 with the API's <c>{errors:[…]}</c> body. In open mode
/// (no keys, loopback only) every request is the operator "open".
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    AccessMode mode) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string OpenPrincipalName = "open";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (mode.Open)
        {
            var open = new ApiKeyEntry { Name = OpenPrincipalName, Role = TaobaoLiveRoles.Operator, Sha256 = "" };
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyStore.Principal(open, SchemeName), SchemeName)));
        }

        if (PresentedKey(Request) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(key) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("the key is not known"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyStore.Principal(entry, SchemeName), SchemeName)));
    }

    /// <summary>The bearer key, or the hub's access_token query parameter (browsers cannot set headers on WebSockets).</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length)
        {
            return header[BearerPrefix.Length..].Trim();
        }

        if (request.Path.StartsWithSegments(Live.LiveHub.Path) && request.Query["access_token"] is { Count: 1 } token && token[0] is { Length: > 0 } value)
        {
            return value;
        }

        return null;
    }

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (WantsPage(Request))
        {
            Response.Redirect($"{SignInEndpoints.Path}?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
            return;
        }

        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, "Authorization", failure is null
            ? "this needs a key: send 'Authorization: Bearer <key>' (taobaolive new-key makes one) or sign in at /signin"
            : "the key is not known to this host")]));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var user = Context.User;
        var role = TaobaoLiveRoles.All.LastOrDefault(user.IsInRole) ?? "none";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, "Authorization",
            $"'{user.Identity?.Name}' has the {role} role, which may not do this")]));
    }

    /// <summary>A browser navigating to a page (not the API, the hub or the Orleans dashboard's data).</summary>
    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/hubs")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
