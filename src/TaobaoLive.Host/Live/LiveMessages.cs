namespace TaobaoLive.Host.Live;

/// <summary>
/// The client methods the hub calls. Each takes the topic it was sent for first (a connection in
/// several topics gets one copy per topic), then the payload.
/// </summary>
public static class LiveMessages
{
    /// <summary>(topic, <see cref="Contracts.StatusChangeView"/>).</summary>
    public const string StatusChanged = "statusChanged";

    /// <summary>(topic, <see cref="Contracts.RegionView"/>).</summary>
    public const string RegionUpdated = "regionUpdated";

    /// <summary>(topic, top-10 list of <see cref="Contracts.LeaderboardEntry"/>), when the list changed.</summary>
    public const string LeaderboardUpdated = "leaderboardUpdated";
}
