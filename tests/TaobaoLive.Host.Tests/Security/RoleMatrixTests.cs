using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Geography;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>
/// Every endpoint, the live hub and the Orleans dashboard, asked by anonymous, each role and an
/// unknown key: anonymous and unknown keys 401, a role below the one needed 403, the role needed
/// (and above) 2xx.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public sealed class RoleMatrixTests(SecuredHostFixture host)
{
    private static readonly string[] Ladder = [TaobaoLiveRoles.Viewer, TaobaoLiveRoles.Ingest, TaobaoLiveRoles.Operator];

    private static int _unique;

    public static TheoryData<string, string, string> Surfaces => new()
    {
        { "GET", "/", TaobaoLiveRoles.Viewer },
        { "GET", "/region.html", TaobaoLiveRoles.Viewer },
        { "GET", "/clusters.html", TaobaoLiveRoles.Viewer },
        { "GET", "/app.css", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions/country-cn", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions/children?of=country-cn", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions?level=province", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions/{village}/thresholds", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions/广东省/揭阳市/普宁市", TaobaoLiveRoles.Viewer },
        { "GET", "/api/regions/search?q=%E6%99%AE%E5%AE%81", TaobaoLiveRoles.Viewer },
        { "GET", "/api/timeline", TaobaoLiveRoles.Viewer },
        { "GET", "/api/pulse", TaobaoLiveRoles.Viewer },
        { "GET", "/api/clusters", TaobaoLiveRoles.Viewer },
        { "GET", "/api/events", TaobaoLiveRoles.Viewer },
        { "GET", "/api/leaderboards/villages", TaobaoLiveRoles.Viewer },
        { "GET", "/api/leaderboards/towns?by=today", TaobaoLiveRoles.Viewer },
        { "GET", "/api/shops/" + SecuredHostFixture.Shop, TaobaoLiveRoles.Viewer },
        { "POST", "/hubs/live/negotiate?negotiateVersion=1", TaobaoLiveRoles.Viewer },
        { "POST", "/api/shops", TaobaoLiveRoles.Ingest },
        { "POST", "/api/orders", TaobaoLiveRoles.Ingest },
        { "GET", "/api/platform", TaobaoLiveRoles.Operator },
        { "GET", "/api/silos", TaobaoLiveRoles.Operator },
        { "GET", "/openapi/v1.json", TaobaoLiveRoles.Operator },
        { "GET", "/dashboard/", TaobaoLiveRoles.Operator },
        { "GET", "/dashboard/ClusterStats", TaobaoLiveRoles.Operator },
        { "GET", "/dashboard/GrainState?grainType=TaobaoLive.Grains.Shops.ShopGrain&grainId=" + SecuredHostFixture.Shop, TaobaoLiveRoles.Operator },
        { "GET", "/metrics", TaobaoLiveRoles.Operator },
    };

    [Theory]
    [MemberData(nameof(Surfaces))]
    public async Task Anonymous_is_401_a_lower_role_403_and_the_role_needed_2xx(string method, string path, string needed)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(null, method, path)).Status);
        var unknown = await Send("tlk_not_a_key_of_this_host_000000000000", method, path);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Contains("not known", unknown.Body, StringComparison.Ordinal);

        foreach (var role in Ladder)
        {
            var (status, body) = await Send(KeyOf(role), method, path);
            if (Array.IndexOf(Ladder, role) < Array.IndexOf(Ladder, needed))
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{role} {method} {path}: {(int)status} {body}");
                Assert.Contains($"has the {role} role", HttpExtensions.Errors(body).Single().Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.True((int)status is >= 200 and < 300, $"{role} {method} {path}: {(int)status} {body}");
            }
        }
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task Health_probes_answer_without_a_key(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(null, "GET", path)).Status);
    }

    [Fact]
    public async Task A_401_has_the_errors_body_and_a_bearer_challenge()
    {
        using var http = host.Client(null);
        using var response = await http.GetAsync("/api/regions/country-cn");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", HttpExtensions.Errors(await response.Content.ReadAsStringAsync()).Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_without_a_sign_in_is_sent_to_the_sign_in_page()
    {
        using var http = host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/region.html?id=country-cn");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fregion.html%3Fid%3Dcountry-cn", response.Headers.Location!.OriginalString);
    }

    private static string KeyOf(string role) => role switch
    {
        TaobaoLiveRoles.Viewer => SecuredHostFixture.ViewerKey,
        TaobaoLiveRoles.Ingest => SecuredHostFixture.IngestKey,
        _ => SecuredHostFixture.OperatorKey,
    };

    private async Task<(HttpStatusCode Status, string Body)> Send(string? key, string method, string path)
    {
        using var http = host.Client(key);
        var village = host.Services.GetRequiredService<GeographyModel>().FindByPath(SecuredHostFixture.Village)!.Id;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{village}", village, StringComparison.Ordinal));
        var n = Interlocked.Increment(ref _unique);
        if (path == "/api/shops")
        {
            request.Content = new StringContent($$"""[{"shopId":"matrix-shop-{{n}}","village":"{{village}}"}]""", Encoding.UTF8, "application/json");
        }
        else if (path == "/api/orders")
        {
            request.Content = new StringContent($$"""[{"orderId":"matrix-order-{{n}}","shopId":"{{SecuredHostFixture.Shop}}","amount":"1.00","paidAt":"{{SecuredHostFixture.Start.AddMinutes(-1):O}}"}]""", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
