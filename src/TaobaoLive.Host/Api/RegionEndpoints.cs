using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Api;

public static class RegionEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private const int DefaultSearchLimit = 20;
    private const string ThresholdsSuffix = "/thresholds";

    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapRegionEndpoints(this IEndpointRouteBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("regions");
        // {**id}: an id, a path percent-encoded as one segment (%2F), or a path in plain segments
        // (/api/regions/广东省/揭阳市/普宁市). A path's last segment "thresholds" is that route's.
        regions.MapGet("/{**id}", async Task<Results<Ok<RegionView>, Results<Ok<VillageThresholdsView>, JsonHttpResult<ApiErrors>>, JsonHttpResult<ApiErrors>>> (string id, RegionViews views, RuleSet rules, IGrainFactory grains) =>
        {
            if (RegionAddress.TryResolve(views.Geography, id, out var region))
            {
                return TypedResults.Ok(await views.Read(region));
            }

            if (id.EndsWith(ThresholdsSuffix, StringComparison.Ordinal)
                && RegionAddress.TryResolve(views.Geography, id[..^ThresholdsSuffix.Length], out var village))
            {
                return await ThresholdEndpoints.Read(village, rules, grains);
            }

            return ApiResults.NotFound($"no region with id or path '{RegionAddress.Unescape(id)}'", "id");
        })
        .Documented("One region by id or path, with its numbers and status", StatusCodes.Status404NotFound)
        // Last, so it is the 200 the document shows: a village's thresholds by plain path are documented on their own route.
        .Produces<RegionView>();

        regions.MapGet("/search", Search)
            .Documented($"Regions by name prefix, code prefix or a path ending in a name prefix, ranked: exact names first, then higher levels; limit 1-{RegionSearch.MaxLimit}, default {DefaultSearchLimit}", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        regions.MapGet("/children", async Task<Results<Ok<IReadOnlyList<RegionView>>, JsonHttpResult<ApiErrors>>> (string? of, RegionViews views) =>
            views.Geography.TryResolve(of, out var region)
                ? TypedResults.Ok(await views.Read(region.Children))
                : ApiResults.NotFound($"no region with id or path '{of}'", "of"))
            .Documented("The children of a region", StatusCodes.Status404NotFound);

        regions.MapGet("/", List)
            .WithSummary($"One region by ?path=, or a list: ?level= with optional within, status, limit (1-{MaxLimit}, default {DefaultLimit}) and offset")
            .ProducesOneOf("?path=: one region; otherwise the list", typeof(RegionView), typeof(List<RegionView>))
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// <c>?q=</c> a name prefix (display or full name), a code prefix (digits), or a path whose last
    /// part is a name prefix; <c>within=</c> an id or path to search in; ranked by
    /// <see cref="RegionSearch"/>. No grain is read: the answer comes from the geography alone.
    /// </summary>
    private static Results<Ok<List<RegionHit>>, JsonHttpResult<ApiErrors>> Search(string? q, string? within, string? limit, RegionViews views)
    {
        var geography = views.Geography;
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiResults.BadRequest("give ?q= a name prefix (东风), a code prefix (4452) or a path ending in one (广东省/揭阳市/普宁市/东)", "q");
        }

        if (!Paging.TryParse(limit, null, DefaultSearchLimit, RegionSearch.MaxLimit, out var paging, out var badPaging))
        {
            return badPaging!;
        }

        Region? scope = null;
        if (within is not null && !geography.TryResolve(within, out scope))
        {
            return ApiResults.NotFound($"no region with id or path '{within}'", "within");
        }

        var hits = geography.Search.Search(q, scope, paging.Limit);
        return TypedResults.Ok(hits.Select(r => new RegionHit(r.Id, RegionViews.LevelName(r.Level), r.Name, r.FullName, r.Path, r.Code, r.Listed2015)).ToList());
    }

    /// <summary>
    /// <c>?path=</c> one region by path; <c>?level=&amp;within=&amp;status=&amp;limit=&amp;offset=</c> a list.
    /// Qualified villages and towns come from the status index, so listing them never scans a country.
    /// </summary>
    private static async Task<Results<Ok<RegionView>, Ok<IReadOnlyList<RegionView>>, JsonHttpResult<ApiErrors>>> List(
        string? path, string? level, string? within, string? status, string? limit, string? offset,
        RegionViews views, IGrainFactory grains)
    {
        var geography = views.Geography;
        if (path is not null)
        {
            return geography.FindByPath(path) is { } region
                ? TypedResults.Ok(await views.Read(region))
                : ApiResults.NotFound($"no region with path '{path}'", "path");
        }

        if (!RegionViews.TryParseLevel(level, out var wanted))
        {
            return ApiResults.BadRequest($"give ?path=<region path>, or ?level= one of country, province, city, county, town, village (got '{level}')", "level");
        }

        var scope = geography.Country;
        if (within is not null && !geography.TryResolve(within, out scope))
        {
            return ApiResults.NotFound($"no region with id or path '{within}'", "within");
        }

        if (!Paging.TryParse(limit, offset, DefaultLimit, MaxLimit, out var paging, out var badPaging))
        {
            return badPaging!;
        }

        var (take, skip) = (paging.Limit, paging.Offset);
        if (status is null)
        {
            return TypedResults.Ok(await views.Read(scope.Descendants(wanted).Skip(skip).Take(take)));
        }

        var qualifiedStatus = (wanted, status) switch
        {
            (RegionLevel.Village, StatusNames.TaobaoVillage) => RegionStatus.TaobaoVillage,
            (RegionLevel.Town, StatusNames.TaobaoTown) => RegionStatus.TaobaoTown,
            (RegionLevel.Village or RegionLevel.Town, StatusNames.None) => RegionStatus.None,
            _ => (RegionStatus?)null,
        };
        if (qualifiedStatus is null)
        {
            return ApiResults.BadRequest($"status '{status}' does not apply to level {RegionViews.LevelName(wanted)}: villages are taobao-village or none, towns taobao-town or none", "status");
        }

        var qualifiedIds = (await grains.GetGrain<IRankingGrain>(RegionViews.LevelName(wanted)).WithStatus(
            wanted == RegionLevel.Village ? RegionStatus.TaobaoVillage : RegionStatus.TaobaoTown)).ToHashSet(StringComparer.Ordinal);
        IEnumerable<Region> candidates = qualifiedStatus == RegionStatus.None
            ? scope.Descendants(wanted).Where(r => !qualifiedIds.Contains(r.Id))
            : qualifiedIds.Select(geography.FindById).OfType<Region>().Where(r => r.AncestorAt(scope.Level) == scope).OrderBy(r => r.Path, StringComparer.Ordinal);
        // The index can trail the grains by a flush: each candidate's own state decides.
        var read = await views.Read(candidates.Skip(skip).Take(take));
        return TypedResults.Ok<IReadOnlyList<RegionView>>(read.Where(v => v.Status == status).ToList());
    }
}
