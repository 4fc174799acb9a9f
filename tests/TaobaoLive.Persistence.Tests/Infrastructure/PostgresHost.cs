using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Client;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// The real host (Program) with TaobaoLive:Store=PostgreSql on the given database, its silo on
/// free loopback ports, business time fixed at <see cref="Start"/>. Disposing it stops the host
/// gracefully, which writes every grain's state.
/// </summary>
public sealed class PostgresHost(string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>11 November 2026, 10:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    private TaobaoLiveClient? _api;

    public FakeTimeProvider Time { get; } = new(Start);

    public TaobaoLiveClient Api => _api ??= new TaobaoLiveClient(CreateClient());

    /// <summary>Stops the host gracefully (the silo deactivates every grain, which writes its state).</summary>
    public async Task StopAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Npgsql's pools are per process and outlive the host: give the idle connections back.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TaobaoLive:Store", "PostgreSql");
        builder.UseSetting("ConnectionStrings:TaobaoLive", connectionString);
        builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TaobaoLive:FlushInterval", "00:00:00.050");
        // Several hosts and several test databases share one server (max_connections 100).
        builder.UseSetting("TaobaoLive:MaxPoolSize", "8");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(TaobaoLiveServiceKeys.Time, Time));
    }
}
