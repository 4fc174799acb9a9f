using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Client;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>
/// The real host (Program) in memory with its in-process silo on free loopback ports and business
/// time fixed, as the host tests run it; the command line talks to it through the fixture's client.
/// </summary>
public sealed class CliHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>11 November 2026, 10:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Time { get; } = new(Start);

    public TaobaoLiveClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = new TaobaoLiveClient(CreateClient());
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    /// <summary>Runs the command line against this host.</summary>
    public Task<CliRun> Run(params string[] args) => CliRun.Execute(_ => Api, args);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:MaxRequestBytes", "65536");
        builder.UseSetting("TaobaoLive:FlushInterval", "00:00:00.050");
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(TaobaoLiveServiceKeys.Time, Time));
    }
}
