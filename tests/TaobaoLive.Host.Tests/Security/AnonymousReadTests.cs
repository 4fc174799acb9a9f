using System.Net;
using System.Text;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Tests.Infrastructure;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>
/// TaobaoLive:Auth:AnonymousRead=true (a wall screen): pages, the read API and the hub answer
/// without a key, writes and operator surfaces still need one, and anonymous reads spend their
/// address's bucket (429 with Retry-After) while a keyed client is not slowed.
/// </summary>
public sealed class AnonymousReadTests(AnonymousReadTests.AnonymousReadHostFixture host) : IClassFixture<AnonymousReadTests.AnonymousReadHostFixture>
{
    private const string IngestKey = "tlk_ingest_for_anonymous_read_0123456789abcdef";

    [Fact]
    public async Task Reads_need_no_key_writes_and_operations_do_and_anonymous_reads_are_limited_per_address()
    {
        using var anonymous = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var keyed = host.CreateClient();
        keyed.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/orders", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/shops", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/silos")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null)).StatusCode);

        // The address's bucket holds two seconds' worth (2 a second here): twenty reads at once run it
        // dry however slowly the machine answers them.
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => anonymous.GetAsync("/api/timeline")));
        Assert.All(burst, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
        var limited = burst.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, limited.Headers.RetryAfter?.ToString());
        Assert.StartsWith("too many requests from this client", HttpExtensions.Errors(await limited.Content.ReadAsStringAsync()).Single().Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/timeline")).StatusCode);
        foreach (var response in burst)
        {
            response.Dispose();
        }
    }

    /// <summary>One ingest key, anonymous reads on at two requests a second, a small synthetic geography.</summary>
    public sealed class AnonymousReadHostFixture : HostFixture
    {
        private readonly string _geography = Path.Combine(Path.GetTempPath(), $"taobaolive-anonymous-{Guid.NewGuid():N}.tsv");

        public AnonymousReadHostFixture() => File.WriteAllText(_geography, SyntheticGeography.Tsv(4, 13));

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["TaobaoLive:Geography"] = _geography,
            ["TaobaoLive:Auth:AnonymousRead"] = "true",
            ["TaobaoLive:Auth:AnonymousRequestsPerSecond"] = "2",
            ["TaobaoLive:Auth:Keys:0:Name"] = "feed",
            ["TaobaoLive:Auth:Keys:0:Role"] = TaobaoLiveRoles.Ingest,
            ["TaobaoLive:Auth:Keys:0:Sha256"] = ApiKeyStore.Hash(IngestKey),
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_geography);
        }
    }
}
