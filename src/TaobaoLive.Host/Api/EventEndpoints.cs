using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

public static class EventEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", async Task<Results<Ok<List<StatusChangeView>>, JsonHttpResult<ApiErrors>>> (string? within, string? since, string? limit, RegionViews views, IGrainFactory grains) =>
            {
                if (!Paging.TryParse(limit, null, DefaultLimit, MaxLimit, out var paging, out var badPaging))
                {
                    return badPaging!;
                }

                string? prefix = null;
                if (within is not null)
                {
                    if (!views.Geography.TryResolve(within, out var region))
                    {
                        return ApiResults.NotFound($"no region with id or path '{within}'", "within");
                    }

                    prefix = region.Level == RegionLevel.Country ? null : region.Path;
                }

                DateTimeOffset? from = null;
                if (since is not null)
                {
                    if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed))
                    {
                        return ApiResults.BadRequest($"since '{since}' is not an ISO 8601 time", "since");
                    }

                    from = parsed;
                }

                var changes = await grains.GetGrain<IStatusHistoryGrain>(IStatusHistoryGrain.Key)
                    .Query(prefix, from, paging.Limit);
                return TypedResults.Ok(changes.Select(RegionViews.ToView).ToList());
            })
            .Documented($"Status-change history, oldest first (the newest limit of them): limit 1-{MaxLimit} (default {DefaultLimit})", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithTags("events");
        return api;
    }
}
