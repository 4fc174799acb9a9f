using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Host.Health;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// A host of its own (not shared: tests stop it or saturate it), with extra settings, its IHost at
/// hand, and the shutdown drain timed by <see cref="DrainTime"/>, which the test advances.
/// </summary>
public sealed class ProbeHost(IDictionary<string, string?> settings) : HostFixture
{
    public IHost Host { get; private set; } = null!;

    public FakeTimeProvider DrainTime { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings.Concat(settings));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddSingleton(sp => new ShutdownDrain(sp.GetRequiredService<IOptions<PlatformHostOptions>>(), DrainTime)));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        Host = base.CreateHost(builder);
        return Host;
    }
}
