using Npgsql;
using NpgsqlTypes;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Registry;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// The durable store's directory is the shops' own rows: with PostgreSQL a shop writes its row at
/// once when it registers (and never has one before), so a row with a village is a registered shop,
/// on every silo and across restarts. One statement answers a whole batch's unknown shops.
/// </summary>
public sealed class PostgresShopDirectory(string serviceId, NpgsqlDataSource dataSource, StoreFailureLog failures) : IShopDirectory
{
    private const int CommandTimeoutSeconds = 15;

    // The shop's state name ([PersistentState("shop")]) and its property, as PostgresGrainStorage writes them.
    private const string StateName = "shop";

    public async ValueTask<string?[]> VillagesOf(IReadOnlyList<string> shopIds)
    {
        var villages = new string?[shopIds.Count];
        if (shopIds.Count == 0)
        {
            return villages;
        }

        // Stored rows are keyed by the grain id's text, "shop/<id>".
        var keys = new string[shopIds.Count];
        var index = new Dictionary<string, List<int>>(shopIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = GrainId.Create(ShopGrains.GrainTypeName, shopIds[i]).ToString();
            if (!index.TryGetValue(keys[i], out var positions))
            {
                index[keys[i]] = positions = [];
            }

            positions.Add(i);
        }

        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT s.key_text, s.payload->>'villageId'
                FROM taobaolive_grain_state s
                WHERE s.service_id = $1 AND s.state_name = $2 AND s.key_n0 = 0 AND s.key_n1 = 0
                  AND s.key_text = ANY($3) AND s.payload->>'villageId' IS NOT NULL
                """);
            command.CommandTimeout = CommandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            command.Parameters.Add(new NpgsqlParameter { Value = StateName });
            command.Parameters.Add(new NpgsqlParameter { Value = index.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var village = reader.GetString(1);
                foreach (var position in index[reader.GetString(0)])
                {
                    villages[position] = village;
                }
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            failures.Failed("PostgreSQL shop directory read", exception);
            throw new StateStoreUnavailableException("PostgreSQL did not answer which shops are registered; try again shortly", exception);
        }

        return villages;
    }

    /// <summary>Every village with at least one registered shop (the journal keeper reconciles the regions above them).</summary>
    public async Task<IReadOnlyList<string>> VillagesWithShops(CancellationToken cancellationToken)
    {
        var villages = new List<string>();
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT s.payload->>'villageId'
            FROM taobaolive_grain_state s
            WHERE s.service_id = $1 AND s.state_name = $2 AND s.payload->>'villageId' IS NOT NULL
            """);
        command.CommandTimeout = 60;
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = StateName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            villages.Add(reader.GetString(0));
        }

        return villages;
    }

    /// <summary>Nothing to do: the shop wrote its row before it answered its registration.</summary>
    public void Registered(string shopId, string villageId)
    {
    }
}
