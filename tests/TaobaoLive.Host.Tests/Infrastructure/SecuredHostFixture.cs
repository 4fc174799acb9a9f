using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaobaoLive.Client;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Security;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// The host with one key of each role (and a slow key limited to one request a second), every log
/// line captured at every level. A shop is registered and sold to, so reads of it answer 200.
/// </summary>
public sealed class SecuredHostFixture : HostFixture
{
    public const string ViewerKey = "tlk_viewer_6f1c0d1e9a8b47e2b3c4d5e6f7a8b9c0";
    public const string IngestKey = "tlk_ingest_0a9b8c7d6e5f40312233445566778899";
    public const string OperatorKey = "tlk_operator_ffeeddccbbaa99887766554433221100";
    public const string SlowKey = "tlk_slow_13579bdf2468ace013579bdf2468ace0";
    public const string Shop = "secured-shop-1";
    public const string Village = "浙江省/温州市/瑞安市/仙降街道/林光村";

    public static readonly IReadOnlyList<string> AllKeys = [ViewerKey, IngestKey, OperatorKey, SlowKey];

    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["TaobaoLive:Auth:Keys:0:Name"] = "wall-screen",
        ["TaobaoLive:Auth:Keys:0:Role"] = TaobaoLiveRoles.Viewer,
        ["TaobaoLive:Auth:Keys:0:Sha256"] = ApiKeyStore.Hash(ViewerKey),
        ["TaobaoLive:Auth:Keys:1:Name"] = "shop-feed",
        ["TaobaoLive:Auth:Keys:1:Role"] = TaobaoLiveRoles.Ingest,
        ["TaobaoLive:Auth:Keys:1:Sha256"] = ApiKeyStore.Hash(IngestKey).ToUpperInvariant(),
        ["TaobaoLive:Auth:Keys:2:Name"] = "ops",
        ["TaobaoLive:Auth:Keys:2:Role"] = TaobaoLiveRoles.Operator,
        ["TaobaoLive:Auth:Keys:2:Sha256"] = ApiKeyStore.Hash(OperatorKey),
        ["TaobaoLive:Auth:Keys:3:Name"] = "slow",
        ["TaobaoLive:Auth:Keys:3:Role"] = TaobaoLiveRoles.Viewer,
        ["TaobaoLive:Auth:Keys:3:Sha256"] = ApiKeyStore.Hash(SlowKey),
        ["TaobaoLive:Auth:Keys:3:RequestsPerSecond"] = "1",
    };

    public HttpClient Client(string? key)
    {
        var http = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var ingest = new TaobaoLiveClient(Client(IngestKey));
        await ingest.RegisterShops([new ShopRecord(Shop, Village, "secured")]);
        await ingest.PostOrders([new OrderRecord($"{Shop}-1", Shop, 12.30m, Start.AddMinutes(-5))]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        }));
    }
}
