namespace TaobaoLive.Host.Api;

public static class LeaderboardEndpoints
{
    private const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboards/{board}", async (string board, string? by, int? limit, Leaderboards leaderboards) =>
            {
                if (Leaderboards.ParseOrder(by) is not { } order)
                {
                    return ApiResults.BadRequest($"by '{by}' must be today or annual", "by");
                }

                if (!Leaderboards.IsBoard(board))
                {
                    return ApiResults.NotFound($"no leaderboard '{board}': villages, towns, counties, cities, provinces or clusters", "board");
                }

                return Results.Ok(await leaderboards.Read(board, order, Math.Clamp(limit ?? 10, 1, MaxLimit)));
            })
            .WithTags("leaderboards");
        return app;
    }
}
