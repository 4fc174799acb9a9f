using TaobaoLive.Client;

namespace TaobaoLive.Persistence.Tests.Infrastructure;

/// <summary>
/// The real host (<see cref="TaobaoLiveHostFactory"/>) with TaobaoLive:Store=PostgreSql on the given
/// database, business time fixed at <see cref="TaobaoLiveHostFactory.Start"/>. Disposing it stops the
/// host gracefully, which writes every grain's state.
/// </summary>
public sealed class PostgresHost(string connectionString, IDictionary<string, string?>? settings = null) : TaobaoLiveHostFactory
{
    private TaobaoLiveClient? _api;

    public TaobaoLiveClient Api => _api ??= new TaobaoLiveClient(CreateClient());

    /// <summary>Stops the host gracefully (the silo deactivates every grain, which writes its state).</summary>
    public async Task StopAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Npgsql's pools are per process and outlive the host: give the idle connections back.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var all = new Dictionary<string, string?>
            {
                ["TaobaoLive:Store"] = "PostgreSql",
                ["ConnectionStrings:TaobaoLive"] = connectionString,
                // Several hosts and several test databases share one server (max_connections 100).
                ["TaobaoLive:MaxPoolSize"] = "8",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            return all;
        }
    }
}
