using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Host.Security;

/// <summary>
/// Keys and roles on every surface, with ASP.NET Core's authentication and authorization: an API key
/// scheme (bearer), a sign-in cookie for browsers, optionally JWT bearer from an OIDC authority, and
/// one policy per role (<see cref="TaobaoLivePolicies"/>). Pages and anything mapped without a policy
/// fall back to the read policy.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>Chooses, per request, which scheme reads its credentials.</summary>
    public const string SelectorScheme = "TaobaoLive";

    public const string CookieName = "taobaolive.signin";

    public static WebApplicationBuilder AddTaobaoLiveSecurity(this WebApplicationBuilder builder)
    {
        // The schemes are chosen from the keys now: the options are checked now, and again at start.
        var auth = OptionsProblems.Checked(builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions(), o => o.Validate());

        var mode = AccessMode.Decide(auth, AccessMode.ListenUrls(builder.Configuration), out var refusal);
        if (refusal is not null)
        {
            // Program prints this one line and exits 1.
            throw new OptionsValidationException(AuthOptions.SectionName, typeof(AuthOptions), [refusal]);
        }

        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateProblems(o => o.Validate());
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton<ApiKeyStore>();
        if (auth.CookieKeyDirectory is { Length: > 0 } directory)
        {
            builder.Services.AddDataProtection().SetApplicationName("TaobaoLive").PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        var authentication = builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "key, cookie or JWT", scheme =>
            {
                scheme.ForwardDefaultSelector = context =>
                    mode.Open ? ApiKeyAuthenticationHandler.SchemeName
                    : auth.JwtAuthority is not null && ApiKeyAuthenticationHandler.PresentedKey(context.Request) is { } token && LooksLikeJwt(token) ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName
                    : context.Request.Cookies.ContainsKey(CookieName) ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName;
                // Every refusal is answered the same way, whichever scheme read the request.
                scheme.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                scheme.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = auth.SignInLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = SignInEndpoints.Path;
                cookie.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                cookie.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
                cookie.Events.OnValidatePrincipal = context =>
                {
                    // A key removed from the configuration (or given another role) ends its sign-ins at once.
                    var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>();
                    var hash = context.Principal?.FindFirst(ApiKeyStore.KeyHashClaim)?.Value;
                    if (hash is null || keys.FindByHash(hash) is not { } entry)
                    {
                        context.RejectPrincipal();
                    }
                    else if (!context.Principal!.IsInRole(entry.Role) || context.Principal.Identity?.Name != entry.Name)
                    {
                        context.ReplacePrincipal(ApiKeyStore.Principal(entry, CookieAuthenticationDefaults.AuthenticationScheme));
                        context.ShouldRenew = true;
                    }

                    return Task.CompletedTask;
                };
            });
        if (auth.JwtAuthority is not null)
        {
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                jwt.Authority = auth.JwtAuthority;
                jwt.Audience = auth.JwtAudience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = "sub";
                jwt.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
                jwt.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                jwt.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        // The organisation's role names are ours: viewer, ingest or operator, each with what it includes.
                        var granted = context.Principal!.FindAll(auth.JwtRoleClaim).SelectMany(c => TaobaoLiveRoles.Included(c.Value)).Distinct().ToList();
                        if (context.Principal.Identity is ClaimsIdentity identity)
                        {
                            identity.AddClaims(granted.Select(role => new Claim(ClaimTypes.Role, role)));
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        }

        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(30));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TaobaoLivePolicies.Read, policy => policy.RequireAssertion(context =>
                mode.AnonymousRead || context.User.IsInRole(TaobaoLiveRoles.Viewer)))
            .AddPolicy(TaobaoLivePolicies.Write, policy => policy.RequireRole(TaobaoLiveRoles.Ingest))
            .AddPolicy(TaobaoLivePolicies.Operate, policy => policy.RequireRole(TaobaoLiveRoles.Operator))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(context =>
                mode.AnonymousRead || context.User.IsInRole(TaobaoLiveRoles.Viewer)).Build());
        return builder;
    }

    /// <summary>Routing, then who is asking, then whether they may (static pages included: they come after).</summary>
    public static WebApplication UseTaobaoLiveSecurity(this WebApplication app)
    {
        // HTTPS requests only, never for localhost: browsers then refuse plain HTTP to this host.
        app.UseHsts();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
