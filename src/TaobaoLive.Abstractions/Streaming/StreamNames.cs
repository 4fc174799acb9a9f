namespace TaobaoLive.Abstractions.Streaming;

/// <summary>The stream provider and namespaces, declared once. Stream keys are the receiving grain's id.</summary>
public static class StreamNames
{
    public const string Provider = "TaobaoLive";

    /// <summary>Shop turnover flowing into a village; keyed by village id.</summary>
    public const string VillageInbox = "taobaolive.village";

    /// <summary>Village turnover flowing into a town; keyed by town id.</summary>
    public const string TownInbox = "taobaolive.town";

    /// <summary>Child turnover flowing into a county, city, province or the country; keyed by region id.</summary>
    public const string RegionInbox = "taobaolive.region";

    /// <summary>Village standing flowing into its province's cluster grain; keyed by province id.</summary>
    public const string ClusterInbox = "taobaolive.cluster";

    /// <summary>Regions' latest numbers for leaderboards; keyed by level name.</summary>
    public const string Rankings = "taobaolive.ranking";

    /// <summary>Every status change, for dashboards and the event history; one stream, key <see cref="StatusChangesKey"/>.</summary>
    public const string StatusChanges = "taobaolive.status";

    public const string StatusChangesKey = "all";
}
