using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

public static class LeaderboardEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/leaderboards/{board}", async Task<Results<Ok<IReadOnlyList<LeaderboardEntry>>, JsonHttpResult<ApiErrors>>> (string board, string? by, string? limit, Leaderboards leaderboards) =>
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

                return TypedResults.Ok(await leaderboards.Read(board, order, paging.Limit));
            })
            .Documented($"Top regions or clusters by today's or annual turnover: limit 1-{MaxLimit} (default {DefaultLimit})", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithTags("leaderboards");
        return api;
    }
}
