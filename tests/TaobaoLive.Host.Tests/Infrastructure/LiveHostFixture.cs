using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// A host of its own for the live hub's limits: fast pushes, the shortest per-connection queues allowed, three
/// connections per client, eight topics per connection, one allowed foreign origin; every log line captured.
/// </summary>
public sealed class LiveHostFixture : HostFixture
{
    public const string AllowedOrigin = "https://wall.example.gov.cn";

    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["TaobaoLive:LivePushInterval"] = "00:00:00.100",
        ["TaobaoLive:LiveQueueLength"] = "128",
        ["TaobaoLive:LiveConnectionsPerClient"] = "3",
        ["TaobaoLive:LiveTopicsPerConnection"] = "64",
        ["TaobaoLive:LiveAllowedOrigins:0"] = AllowedOrigin,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
    }
}

[CollectionDefinition(Name)]
public sealed class LiveHostCollection : ICollectionFixture<LiveHostFixture>
{
    public const string Name = "live host";
}
