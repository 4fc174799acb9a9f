using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Api;

public static class ThresholdEndpoints
{
    /// <summary>
    /// <c>GET /api/regions/{id or escaped path}/thresholds</c>: for a village, how far it is from each threshold,
    /// evaluated with the same pure rules the village grain uses, on the numbers the grain holds.
    /// Maps under the <c>/api</c> group it is given.
    /// </summary>
    public static IEndpointRouteBuilder MapThresholdEndpoints(this IEndpointRouteBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("regions");
        regions.MapGet("/{id}/thresholds", async Task<Results<Ok<VillageThresholdsView>, JsonHttpResult<ApiErrors>>> (string id, GeographyModel geography, RuleSet rules, IGrainFactory grains) =>
                RegionAddress.TryResolve(geography, id, out var region)
                    ? await Read(region, rules, grains)
                    : ApiResults.NotFound($"no region with id or path '{RegionAddress.Unescape(id)}'", "id"))
            .Documented("A village's distance to each Taobao-village threshold under the running rule set", StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The thresholds of <paramref name="region"/>; 400 unless it is a village.</summary>
    public static async Task<Results<Ok<VillageThresholdsView>, JsonHttpResult<ApiErrors>>> Read(Region region, RuleSet rules, IGrainFactory grains)
    {
        if (region.Level != RegionLevel.Village)
        {
            return ApiResults.BadRequest($"'{region.Path}' is a {region.Level.ToString().ToLowerInvariant()}; thresholds are shown for villages", "id");
        }

        var state = await RegionGrains.Get(grains, region.Level, region.Id).GetState();
        var figures = new VillageFigures(state.AnnualTurnoverFen, state.Counts.ActiveShops, region.Households);
        var verdict = VillageRules.Evaluate(rules, figures);
        ThresholdView? householdShare = null;
        if (region.Households is > 0 and var households)
        {
            householdShare = new ThresholdView(VillageRules.ShopsForHouseholdShare(rules, households), figures.ActiveShops, verdict.HouseholdShareShortfall ?? 0, verdict.HouseholdShareMet);
        }

        return TypedResults.Ok(new VillageThresholdsView(
            region.Id,
            region.Path,
            rules.Name,
            verdict.Qualifies,
            verdict.Reason,
            new ThresholdView(rules.VillageMinTurnoverFen / 100m, state.AnnualTurnoverFen / 100m, verdict.TurnoverShortfallFen / 100m, verdict.TurnoverMet),
            new ThresholdView(rules.VillageMinActiveShops, figures.ActiveShops, verdict.ShopShortfall, verdict.ShopsMet),
            householdShare));
    }
}
