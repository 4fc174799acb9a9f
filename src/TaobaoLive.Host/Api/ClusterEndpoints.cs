using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Api;

public static class ClusterEndpoints
{
    /// <summary>Maps under the <c>/api</c> group it is given.</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/clusters", async Task<Results<Ok<List<ClusterView>>, JsonHttpResult<ApiErrors>>> (string? within, RegionViews views, IGrainFactory grains) =>
            {
                var geography = views.Geography;
                var scope = geography.Country;
                if (within is not null && !geography.TryResolve(within, out scope))
                {
                    return ApiResults.NotFound($"no region with id or path '{within}'", "within");
                }

                var found = await Within(scope, grains, geography);
                return TypedResults.Ok(found.Select(c => views.ToView(c.Cluster, c.Name)).ToList());
            })
            .Documented("Clusters with a member inside a region, largest first", StatusCodes.Status404NotFound)
            .WithTags("clusters");
        return api;
    }

    /// <summary>
    /// Clusters with at least one member inside <paramref name="scope"/>, largest first, with their
    /// names (<see cref="ClusterNames"/>: given among all clusters of their province, so a cluster is
    /// called the same whatever scope it is read in).
    /// </summary>
    public static async Task<IReadOnlyList<(ClusterSnapshot Cluster, string Name)>> Within(Region scope, IGrainFactory grains, GeographyModel geography)
    {
        var provinces = scope.Level == RegionLevel.Country ? scope.Children : [scope.AncestorAt(RegionLevel.Province)!];
        var all = await Task.WhenAll(provinces.Select(p => grains.GetGrain<IClusterGrain>(p.Id).GetClusters()));
        return all.SelectMany(province => province.Zip(ClusterNames.Names(geography, province.Select(c => (c.Id, c.Members)).ToList())))
            .Where(c => scope.Level <= RegionLevel.Province || c.First.Members.Any(m => geography.FindById(m)?.AncestorAt(scope.Level) == scope))
            .OrderByDescending(c => c.First.Size)
            .ThenBy(c => c.First.Id, StringComparer.Ordinal)
            .Select(c => (c.First, c.Second))
            .ToList();
    }
}
