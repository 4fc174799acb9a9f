using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Abstractions.Rankings;

/// <summary>
/// The latest numbers of every region of one level (keyed by the level's name, e.g. "village"), fed
/// by the regions themselves: leaderboards, and the index of which regions currently hold a status.
/// </summary>
[Alias("TaobaoLive.IRankingGrain")]
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>The top <paramref name="limit"/> by today's or annual turnover at business day <paramref name="today"/>, optionally only ids in <paramref name="among"/>.</summary>
    [Alias("Top")]
    Task<IReadOnlyList<RankingEntry>> Top(RankingOrder order, int today, int limit, IReadOnlyCollection<string>? among);

    /// <summary>Ids of the regions whose latest status is <paramref name="status"/>.</summary>
    [Alias("WithStatus")]
    Task<IReadOnlyList<string>> WithStatus(RegionStatus status);

    [Alias("Count")]
    Task<int> Count();
}
