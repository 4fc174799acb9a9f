using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Abstractions;

/// <summary>
/// The stable grain type of every grain, in one place. Each is part of the grain's stored rows and
/// of the operators' view (GET /api/silos counts activations by it), so none ever changes.
/// </summary>
public static class GrainTypeNames
{
    public const string Shop = ShopGrains.GrainTypeName;

    public const string Village = RegionGrains.VillageTypeName;

    public const string Town = RegionGrains.TownTypeName;

    /// <summary>Counties, cities, provinces and the country.</summary>
    public const string Area = RegionGrains.AreaTypeName;

    /// <summary>One per province: its village clusters.</summary>
    public const string Cluster = "cluster";

    public const string Ranking = "ranking";

    public const string StatusHistory = "status-history";

    public const string LiveFeed = "live-feed";

    public const string EventClock = "event-clock";

    public const string Producer = "producer";

    public const string Idempotency = "idempotency";
}
