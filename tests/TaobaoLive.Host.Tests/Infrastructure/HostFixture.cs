using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Client;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// The real host (Program) in memory with its in-process silo on free loopback ports, business time
/// injected. Derived fixtures add settings (a geography file, the Event clock).
/// </summary>
public class HostFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>11 November 2026, 10:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    public HostFixture() => Time = new FakeTimeProvider(WallStart);

    public FakeTimeProvider Time { get; }

    /// <summary>Wall time when the fixture starts (business time too, on the Wall clock).</summary>
    protected virtual DateTimeOffset WallStart => Start;

    public TaobaoLiveClient Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TaobaoLive:MaxRequestBytes"] = "65536",
        ["TaobaoLive:FlushInterval"] = "00:00:00.050",
    };

    protected virtual bool InjectTime => true;

    public virtual Task InitializeAsync()
    {
        Http = CreateClient();
        Api = new TaobaoLiveClient(Http);
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (InjectTime)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(TaobaoLiveServiceKeys.Time, Time));
        }
    }
}
