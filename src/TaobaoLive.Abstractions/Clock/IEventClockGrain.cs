namespace TaobaoLive.Abstractions.Clock;

/// <summary>
/// The cluster-wide event clock for replays: the newest ingested <c>paidAt</c>. Each silo reports its
/// own newest and learns the cluster's. Key: <see cref="Key"/>.
/// </summary>
[Alias("TaobaoLive.IEventClockGrain")]
public interface IEventClockGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    [Alias("Advance")]
    Task<DateTimeOffset> Advance(DateTimeOffset newestSeenBySilo);
}
