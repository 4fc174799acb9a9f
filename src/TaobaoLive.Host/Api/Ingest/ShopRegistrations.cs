using System.Collections.Concurrent;
using TaobaoLive.Grains.Registry;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// Which village each shop is registered to, cached on this silo. Registration never changes once
/// made (shops cannot move), so a positive entry never goes stale; unknown shops are asked of the
/// <see cref="IShopDirectory"/> every time, never of a shop grain (which an unknown id would activate).
/// </summary>
public sealed class ShopRegistrations
{
    private readonly IShopDirectory _directory;
    private readonly ConcurrentDictionary<string, string> _villageOf = new(StringComparer.Ordinal);

    // Made once: the lookup is used for every order, and making it checks the comparer each time.
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public ShopRegistrations(IShopDirectory directory)
    {
        _directory = directory;
        _byChars = _villageOf.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The id string this silo already holds for a registered shop, found from characters: the
    /// ingest reads a known shop's id from the body without allocating a new string for every order.
    /// </summary>
    public string? KnownId(ReadOnlySpan<char> shopId) => _byChars.TryGetValue(shopId, out var id, out _) ? id : null;

    /// <summary>The cached village of a shop seen before on this silo, without a grain call.</summary>
    public bool TryGetCached(string shopId, out string villageId) => _villageOf.TryGetValue(shopId, out villageId!);

    public async ValueTask<string?> VillageOf(string shopId)
    {
        if (_villageOf.TryGetValue(shopId, out var village))
        {
            return village;
        }

        return (await VillagesOf([shopId]))[0];
    }

    /// <summary>The village of each shop (null: not registered), the uncached ones in one directory lookup.</summary>
    public async ValueTask<string?[]> VillagesOf(IReadOnlyList<string> shopIds)
    {
        var villages = new string?[shopIds.Count];
        List<string>? unknown = null;
        for (var i = 0; i < villages.Length; i++)
        {
            if (!_villageOf.TryGetValue(shopIds[i], out villages[i]))
            {
                (unknown ??= []).Add(shopIds[i]);
            }
        }

        if (unknown is null)
        {
            return villages;
        }

        var found = await _directory.VillagesOf(unknown);
        for (int i = 0, next = 0; i < villages.Length; i++)
        {
            if (villages[i] is null && found[next++] is { } village)
            {
                villages[i] = _villageOf[shopIds[i]] = village;
            }
        }

        return villages;
    }

    public void Remember(string shopId, string villageId) => _villageOf[shopId] = villageId;
}
