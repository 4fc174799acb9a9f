using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Persistence.Tests.Infrastructure;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Stored rows hold plain JSON keyed by property name, never a CLR type or assembly name, so
/// renaming or moving a state class cannot orphan what is stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StableContractTests(PostgresServer postgres)
{
    [Fact]
    public async Task Stored_state_is_plain_json_without_clr_type_names()
    {
        var database = await postgres.CreateDatabaseAsync();
        string villageId;
        var host = new PostgresHost(database);
        try
        {
            var village = host.Services.GetRequiredService<GeographyModel>().Villages[0];
            villageId = village.Id;
            Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("contract-1", village.Path, "Contract shop")]));
            Assert.Equal(1, (await host.Api.PostOrders([new OrderRecord("contract-1-o", "contract-1", 123.45m, PostgresHost.Start)])).Accepted);
            await Eventually.Until(() => host.Api.GetRegion("country-cn"), c => c.Shops == 1, "the order reached the country");
        }
        finally
        {
            await host.StopAsync();
        }

        var rows = await Rows(database);
        Assert.Equal(["area", "live-feed", "shop", "town", "village"], rows.Select(r => r.State).Distinct().Order(StringComparer.Ordinal));
        foreach (var (state, key, payload) in rows)
        {
            foreach (var forbidden in new[] { "TaobaoLive", "System.", "$type", "$id", "Version=", "PublicKeyToken" })
            {
                Assert.False(payload.Contains(forbidden, StringComparison.Ordinal), $"{state} {key} stores '{forbidden}': {payload}");
            }
        }

        var shop = JsonDocument.Parse(rows.Single(r => r.State == "shop").Payload).RootElement;
        Assert.Equal(villageId, shop.GetProperty("villageId").GetString());
        Assert.Equal("Contract shop", shop.GetProperty("name").GetString());
        Assert.Equal(1, shop.GetProperty("orders").GetInt64());
        Assert.Equal(12_345, Assert.Single(shop.GetProperty("days").EnumerateArray()).GetProperty("fen").GetInt64());

        var stored = JsonDocument.Parse(rows.Single(r => r.State == "village").Payload).RootElement;
        Assert.Equal("none", stored.GetProperty("status").GetString());
        Assert.Equal(2, stored.GetProperty("shops").GetProperty("contract-1").GetProperty("lastSeq").GetInt64());
    }

    private static async Task<List<(string State, string Key, string Payload)>> Rows(string database)
    {
        var rows = new List<(string, string, string)>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state_name, key_text, payload::text FROM taobaolive_grain_state WHERE payload IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
