using System.Collections.Concurrent;

namespace TaobaoLive.Grains.Registry;

/// <summary>
/// The embedded host's directory: a table in the silo's memory, filled by the shop grains as they
/// register. The in-memory store runs one silo (localhost clustering) and loses every shop's state
/// when it stops, so this table is exactly as complete as the state it describes.
/// </summary>
public sealed class MemoryShopDirectory : IShopDirectory
{
    private readonly ConcurrentDictionary<string, string> _villageOf = new(StringComparer.Ordinal);

    public ValueTask<string?[]> VillagesOf(IReadOnlyList<string> shopIds)
    {
        var villages = new string?[shopIds.Count];
        for (var i = 0; i < villages.Length; i++)
        {
            villages[i] = _villageOf.GetValueOrDefault(shopIds[i]);
        }

        return ValueTask.FromResult(villages);
    }

    public void Registered(string shopId, string villageId) => _villageOf[shopId] = villageId;
}
