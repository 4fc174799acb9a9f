using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Client.Contracts;
using TaobaoLive.Grains.Clock;

namespace TaobaoLive.Host.Api;

public static class LeaderboardEndpoints
{
    private const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboards/{board}", async (string board, string? by, int? limit, RegionViews views, IGrainFactory grains, BusinessClock clock) =>
            {
                var order = by?.ToLowerInvariant() switch
                {
                    null or "today" => RankingOrder.Today,
                    "annual" => RankingOrder.Annual,
                    _ => (RankingOrder?)null,
                };
                if (order is null)
                {
                    return ApiResults.BadRequest($"by '{by}' must be today or annual", "by");
                }

                var take = Math.Clamp(limit ?? 10, 1, MaxLimit);
                var level = board.ToLowerInvariant() switch
                {
                    "villages" => RegionLevel.Village,
                    "towns" => RegionLevel.Town,
                    "counties" => RegionLevel.County,
                    "cities" => RegionLevel.City,
                    "provinces" => RegionLevel.Province,
                    "clusters" => (RegionLevel?)null,
                    _ => RegionLevel.Country,
                };
                if (level == RegionLevel.Country)
                {
                    return ApiResults.NotFound($"no leaderboard '{board}': villages, towns, counties, cities, provinces or clusters", "board");
                }

                return Results.Ok(level is { } l
                    ? await Regions(l, order.Value, take, views, grains, clock)
                    : await Clusters(order.Value, take, views, grains, clock));
            })
            .WithTags("leaderboards");
        return app;
    }

    private static async Task<IReadOnlyList<LeaderboardEntry>> Regions(RegionLevel level, RankingOrder order, int limit, RegionViews views, IGrainFactory grains, BusinessClock clock)
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
    private static async Task<IReadOnlyList<LeaderboardEntry>> Clusters(RankingOrder order, int limit, RegionViews views, IGrainFactory grains, BusinessClock clock)
    {
        var today = clock.Today;
        var clusters = await ClusterEndpoints.Within(views.Geography.Country, grains, views.Geography);
        var villages = grains.GetGrain<IRankingGrain>(RegionViews.LevelName(RegionLevel.Village));
        var rows = await Task.WhenAll(clusters.Select(async cluster =>
        {
            var members = await villages.Top(RankingOrder.Today, today, cluster.Members.Count, cluster.Members);
            var todayFen = members.Sum(m => m.Day == today ? m.DayTurnoverFen : 0);
            return (Cluster: cluster, Today: todayFen);
        }));
        return rows
            .OrderByDescending(r => order == RankingOrder.Today ? r.Today : r.Cluster.AnnualTurnoverFen)
            .ThenBy(r => r.Cluster.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select((r, index) => new LeaderboardEntry(
                index + 1,
                r.Cluster.Id,
                r.Cluster.Id,
                views.Geography.FindById(r.Cluster.ProvinceId)?.Path ?? r.Cluster.ProvinceId,
                r.Cluster.IsLarge ? "large-cluster" : "cluster",
                Money.Yuan(r.Cluster.AnnualTurnoverFen),
                Money.Yuan(r.Today)))
            .ToList();
    }
}
