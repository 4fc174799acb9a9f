using System.Net;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Live;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

[Collection(SecuredHostCollection.Name)]
public sealed class SecuredHubAndLogTests(SecuredHostFixture host)
{
    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_key_and_serves_one_with_a_viewer_key()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await LiveClient.Connect(host));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await using var dashboard = await LiveClient.Connect(host, SecuredHostFixture.ViewerKey);
        await dashboard.Subscribe(LiveTopics.Country);
        var (country, _) = await dashboard.WaitForRegion(LiveTopics.Country, r => r.Id == "country-cn", "country numbers pushed to a viewer");
        Assert.Equal("country-cn", country.Id);
    }

    [Fact]
    public async Task Keys_never_reach_the_log_and_every_write_and_admin_request_is_audited_once()
    {
        var ingest = new TaobaoLiveClient(host.Client(SecuredHostFixture.IngestKey));
        var result = await ingest.PostOrders(
        [
            new OrderRecord("audit-1", SecuredHostFixture.Shop, 1.00m, SecuredHostFixture.Start.AddMinutes(-2)),
            new OrderRecord("audit-2", SecuredHostFixture.Shop, 2.00m, SecuredHostFixture.Start.AddMinutes(-2)),
        ]);
        Assert.Equal(2, result.Accepted);
        using (var ops = host.Client(SecuredHostFixture.OperatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/silos")).StatusCode);
        }

        using (var wrong = host.Client("tlk_guess_0000"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/api/orders", new StringContent("[]"))).StatusCode);
        }

        var audit = host.Logs.Lines.Where(l => l.Category == AuditLog.Category).Select(l => l.Text).ToList();
        Assert.Single(audit, line => line.Contains("Audit POST /api/orders by shop-feed: 2 records, status 200", StringComparison.Ordinal));
        Assert.Contains(audit, line => line.Contains("Audit GET /api/silos by ops: 0 records, status 200", StringComparison.Ordinal));
        Assert.Contains(audit, line => line.Contains("Audit POST /api/orders by anonymous: 0 records, status 401", StringComparison.Ordinal));

        var everything = host.Logs.AllText;
        foreach (var key in SecuredHostFixture.AllKeys.Append("tlk_guess_0000"))
        {
            Assert.DoesNotContain(key, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_Retry_After_and_other_keys_are_not_slowed()
    {
        using var slow = host.Client(SecuredHostFixture.SlowKey);
        HttpResponseMessage? limited = null;
        // One request a second, a burst of two: within ten back-to-back requests one is refused.
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await slow.GetAsync("/api/timeline");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);
        Assert.StartsWith("too many requests from this client", HttpExtensions.Errors(await limited.Content.ReadAsStringAsync()).Single().Message, StringComparison.Ordinal);
        limited.Dispose();

        using var viewer = host.Client(SecuredHostFixture.ViewerKey);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/timeline")).StatusCode);
    }
}
