using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TaobaoLive.Geography;
using TaobaoLive.Host.Tests.Infrastructure;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>
/// JWT bearer tokens of an organisation's OIDC authority (TaobaoLive:Auth:JwtAuthority): the
/// authority's metadata is given here as a local signing key and issuer instead of being fetched.
/// A valid token gets in with the role its "roles" claim names (and no further); an expired token,
/// another audience, another issuer or another signature is 401.
/// </summary>
public sealed class JwtBearerTests(JwtBearerTests.JwtHostFixture host) : IClassFixture<JwtBearerTests.JwtHostFixture>
{
    private const string Issuer = "https://idp.example.test/";
    private const string Audience = "taobaolive-api";

    private static readonly SymmetricSecurityKey SigningKey = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test-key" };

    [Fact]
    public async Task A_valid_token_gets_in_with_the_role_its_claim_names()
    {
        var ingest = Token(roles: ["ingest"]);
        var viewer = Token(roles: ["viewer"]);

        Assert.Equal(HttpStatusCode.OK, (await Send(ingest, HttpMethod.Get, "/api/timeline")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(ingest, HttpMethod.Post, "/api/shops", Shop("jwt-shop-1"))).Status);
        var silos = await Send(ingest, HttpMethod.Get, "/api/silos");
        Assert.Equal(HttpStatusCode.Forbidden, silos.Status);
        Assert.Equal("'alice' has the ingest role, which may not do this", HttpExtensions.Errors(silos.Body).Single().Message);

        Assert.Equal(HttpStatusCode.OK, (await Send(viewer, HttpMethod.Get, "/api/shops/jwt-shop-1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(viewer, HttpMethod.Post, "/api/shops", Shop("jwt-shop-2"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(Token(roles: ["operator"]), HttpMethod.Get, "/api/silos")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(Token(roles: []), HttpMethod.Get, "/api/timeline")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(Token(roles: ["admin"]), HttpMethod.Get, "/api/timeline")).Status);
    }

    [Fact]
    public async Task An_expired_token_another_audience_issuer_or_signature_is_401()
    {
        var now = DateTime.UtcNow;
        var refused = new Dictionary<string, string>
        {
            ["expired"] = Token(roles: ["operator"], expires: now.AddMinutes(-10), notBefore: now.AddHours(-1)),
            ["audience"] = Token(roles: ["operator"], audience: "another-api"),
            ["issuer"] = Token(roles: ["operator"], issuer: "https://elsewhere.example.test/"),
            ["signature"] = Token(roles: ["operator"], key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "test-key" }),
            ["unsigned"] = new JsonWebTokenHandler().CreateToken(Descriptor(["operator"], Issuer, Audience, now.AddMinutes(10), now.AddMinutes(-1), signing: null)),
        };

        foreach (var (what, token) in refused)
        {
            var (status, body) = await Send(token, HttpMethod.Get, "/api/timeline");
            Assert.True(status == HttpStatusCode.Unauthorized, $"{what}: {(int)status} {body}");
            Assert.Equal("the key is not known to this host", HttpExtensions.Errors(body).Single().Message);
        }

        // The same request with a good token passes: the refusals above are the token's.
        Assert.Equal(HttpStatusCode.OK, (await Send(Token(roles: ["operator"]), HttpMethod.Get, "/api/timeline")).Status);
    }

    private string Shop(string id)
    {
        var village = host.Services.GetRequiredService<GeographyModel>().Villages[0];
        return $$"""[{"shopId":"{{id}}","village":"{{village.Id}}"}]""";
    }

    private static string Token(string[] roles, DateTime? expires = null, DateTime? notBefore = null, string issuer = Issuer, string audience = Audience, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(Descriptor(roles, issuer, audience, expires ?? DateTime.UtcNow.AddMinutes(10), notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256)));

    private static SecurityTokenDescriptor Descriptor(string[] roles, string issuer, string audience, DateTime expires, DateTime notBefore, SigningCredentials? signing) => new()
    {
        Issuer = issuer,
        Audience = audience,
        Expires = expires,
        NotBefore = notBefore,
        IssuedAt = notBefore,
        Claims = new Dictionary<string, object> { ["sub"] = "alice", ["roles"] = roles },
        SigningCredentials = signing,
    };

    private async Task<(HttpStatusCode Status, string Body)> Send(string token, HttpMethod method, string path, string? json = null)
    {
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A host that accepts only JWTs (no keys), over a small synthetic geography.</summary>
    public sealed class JwtHostFixture : HostFixture
    {
        private readonly string _geography = Path.Combine(Path.GetTempPath(), $"taobaolive-jwt-{Guid.NewGuid():N}.tsv");

        public JwtHostFixture() => File.WriteAllText(_geography, SyntheticGeography.Tsv(4, 11));

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["TaobaoLive:Geography"] = _geography,
            ["TaobaoLive:Auth:JwtAuthority"] = Issuer,
            ["TaobaoLive:Auth:JwtAudience"] = Audience,
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_geography);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The authority's discovery document, given instead of fetched: its issuer and signing key.
            builder.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(SigningKey);
                jwt.Configuration = configuration;
            }));
        }
    }
}
