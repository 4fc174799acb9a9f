using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Testing;

/// <summary>
/// The real host (Program) as every test project runs it: its in-process silo on free loopback
/// ports, a 50 ms flush, and business time on <see cref="Time"/> (from <see cref="WallStart"/>)
/// unless <see cref="InjectTime"/> says the host keeps real time. Each test project's fixture derives
/// from it and adds its <see cref="Settings"/>.
/// </summary>
public abstract class TaobaoLiveHostFactory : WebApplicationFactory<Program>
{
    /// <summary>11 November 2026, 10:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    protected TaobaoLiveHostFactory() => Time = new FakeTimeProvider(WallStart);

    /// <summary>Business time, which the tests advance (when <see cref="InjectTime"/>).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>When business time starts.</summary>
    protected virtual DateTimeOffset WallStart => Start;

    /// <summary>False for a host on real time (browsers watching it live).</summary>
    protected virtual bool InjectTime => true;

    /// <summary>Further configuration, applied after the ports and the flush interval (so it may override them).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:FlushInterval", "00:00:00.050");
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
