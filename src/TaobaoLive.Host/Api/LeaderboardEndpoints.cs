using TaobaoLive.Client.Contracts;

namespace TaobaoLive.Host.Api;

public static class LeaderboardEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboards/{board}", async (string board, string? by, string? limit, Leaderboards leaderboards) =>
            {
                if (!Paging.TryParse(limit, null, DefaultLimit, MaxLimit, out var paging, out var badPaging))
                {
                    return badPaging!;
                }

                if (Leaderboards.ParseOrder(by) is not { } order)
                {
                    return ApiResults.BadRequest($"by '{by}' must be today or annual", "by");
                }

                if (!Leaderboards.IsBoard(board))
                {
                    return ApiResults.NotFound($"no leaderboard '{board}': villages, towns, counties, cities, provinces or clusters", "board");
                }

                return Results.Ok(await leaderboards.Read(board, order, paging.Limit));
            })
            .Documented<List<LeaderboardEntry>>($"Top regions or clusters by today's or annual turnover: limit 1-{MaxLimit} (default {DefaultLimit})", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithTags("leaderboards");
        return app;
    }
}
