using System.Collections.Concurrent;
using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// Which village each shop is registered to, cached on this silo. Registration never changes once
/// made (shops cannot move), so a positive entry never goes stale; unknown shops are asked every time.
/// </summary>
public sealed class ShopRegistrations
{
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<string, string> _villageOf = new(StringComparer.Ordinal);

    // Made once: the lookup is used for every order, and making it checks the comparer each time.
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public ShopRegistrations(IGrainFactory grains)
    {
        _grains = grains;
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

        village = await ShopGrains.Get(_grains, shopId).GetVillageId();
        if (village is not null)
        {
            _villageOf[shopId] = village;
        }

        return village;
    }

    public void Remember(string shopId, string villageId) => _villageOf[shopId] = villageId;
}
