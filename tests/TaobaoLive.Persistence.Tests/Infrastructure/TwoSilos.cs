using Microsoft.Extensions.DependencyInjection;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// Two hosts on one fresh database, started and waited on until both silos are active members of
/// one cluster; disposing stops both gracefully.
/// </summary>
public sealed class TwoSilos : IAsyncDisposable
{
    private TwoSilos(PostgresHost first, PostgresHost second)
    {
        First = first;
        Second = second;
    }

    public PostgresHost First { get; }

    public PostgresHost Second { get; }

    public IManagementGrain Management => First.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

    public static async Task<TwoSilos> StartAsync(PostgresServer postgres, IDictionary<string, string?>? settings = null)
    {
        var database = await postgres.CreateDatabaseAsync();
        var silos = new TwoSilos(new PostgresHost(database, settings), new PostgresHost(database, settings));
        try
        {
            _ = silos.First.Api;
            _ = silos.Second.Api;
            foreach (var host in new[] { silos.First, silos.Second })
            {
                var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
                await Eventually.Until(() => management.GetHosts(onlyActive: true), members => members.Count == 2, "both silos active");
            }

            return silos;
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Second.StopAsync();
        await First.StopAsync();
    }
}
