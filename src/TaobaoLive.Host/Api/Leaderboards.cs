using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Grains.Clock;

namespace TaobaoLive.Host.Api;

/// <summary>
/// The leaderboards the API serves and the dashboards are pushed: top villages, towns, counties,
/// cities, provinces (from the ranking grains) and clusters, by today's or annual turnover.
/// </summary>
public sealed class Leaderboards(RegionViews views, IGrainFactory grains, BusinessClock clock)
{
    public static readonly IReadOnlyList<string> Boards = ["villages", "towns", "counties", "cities", "provinces", "clusters"];

    /// <summary>Parses "today" (also null) or "annual".</summary>
    public static RankingOrder? ParseOrder(string? by) => by?.ToLowerInvariant() switch
    {
        null or "today" => RankingOrder.Today,
        "annual" => RankingOrder.Annual,
        _ => null,
    };

    public static bool IsBoard(string board) => Boards.Contains(board.ToLowerInvariant());

    public Task<IReadOnlyList<LeaderboardEntry>> Read(string board, RankingOrder order, int limit) => board.ToLowerInvariant() switch
    {
        "villages" => Regions(RegionLevel.Village, order, limit),
        "towns" => Regions(RegionLevel.Town, order, limit),
        "counties" => Regions(RegionLevel.County, order, limit),
        "cities" => Regions(RegionLevel.City, order, limit),
        "provinces" => Regions(RegionLevel.Province, order, limit),
        "clusters" => Clusters(order, limit),
        _ => throw new ArgumentException($"no leaderboard '{board}'", nameof(board)),
    };

    private async Task<IReadOnlyList<LeaderboardEntry>> Regions(RegionLevel level, RankingOrder order, int limit)
    {
        var today = clock.Today;
        var top = await grains.GetGrain<IRankingGrain>(RegionViews.LevelName(level)).Top(order, today, limit, null);
        return top.Select((entry, index) =>
        {
            var region = views.Geography.FindById(entry.RegionId);
            return new LeaderboardEntry(
                index + 1,
                entry.RegionId,
                region?.Name ?? entry.RegionId,
                region?.Path ?? entry.RegionId,
                RegionViews.StatusName(level, entry.Status),
                Money.Yuan(entry.AnnualTurnoverFen),
                Money.Yuan(entry.Day == today ? entry.DayTurnoverFen : 0));
        }).ToList();
    }

    /// <summary>Clusters by combined annual turnover, or by their members' turnover today.</summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> Clusters(RankingOrder order, int limit)
    {
        var today = clock.Today;
        var clusters = await ClusterEndpoints.Within(views.Geography.Country, grains, views.Geography);
        var villages = grains.GetGrain<IRankingGrain>(RegionViews.LevelName(RegionLevel.Village));
        var rows = await Task.WhenAll(clusters.Select(async cluster =>
        {
            var members = await villages.Top(RankingOrder.Today, today, cluster.Cluster.Members.Count, cluster.Cluster.Members);
            var todayFen = members.Sum(m => m.Day == today ? m.DayTurnoverFen : 0);
            return (cluster.Cluster, cluster.Name, Today: todayFen);
        }));
        return rows
            .OrderByDescending(r => order == RankingOrder.Today ? r.Today : r.Cluster.AnnualTurnoverFen)
            .ThenBy(r => r.Cluster.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select((r, index) => new LeaderboardEntry(
                index + 1,
                r.Cluster.Id,
                r.Name,
                views.Geography.FindById(r.Cluster.ProvinceId)?.Path ?? r.Cluster.ProvinceId,
                r.Cluster.IsLarge ? "large-cluster" : "cluster",
                Money.Yuan(r.Cluster.AnnualTurnoverFen),
                Money.Yuan(r.Today)))
            .ToList();
    }
}
