using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TaobaoLive.Client;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// The real host on a real Kestrel port on loopback (a browser cannot reach an in-memory test
/// server), wall clock, built-in geography, simulator off.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public TaobaoLiveClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        UseKestrel(Port);
        StartServer();
        Api = new TaobaoLiveClient(new HttpClient { BaseAddress = BaseAddress });
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:FlushInterval", "00:00:00.050");
    }
}
