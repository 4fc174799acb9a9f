using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

public static class SiloEndpoints
{
    /// <summary>
    /// <c>GET /api/silos</c>: every silo in the membership table (dead ones included, so an operator
    /// sees a crash), with the activations each live silo holds per grain kind. Maps under the
    /// <c>/api</c> group it is given.
    /// </summary>
    public static IEndpointRouteBuilder MapSiloEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/silos", async Task<Ok<List<SiloView>>> (IGrainFactory grains, ILocalSiloDetails local) =>
            {
                var management = grains.GetGrain<IManagementGrain>(0);
                var members = await management.GetDetailedHosts(onlyActive: false);
                var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
                var statistics = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active);
                return TypedResults.Ok(members
                    .OrderBy(m => m.Status == SiloStatus.Active ? 0 : 1)
                    .ThenBy(m => m.StartTime)
                    .Select(m =>
                    {
                        var counts = statistics
                            .Where(s => s.SiloAddress.Equals(m.SiloAddress))
                            .GroupBy(s => KindOf(s.GrainType))
                            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
                        return new SiloView(
                            m.SiloAddress.ToParsableString(),
                            m.SiloName,
                            m.HostName,
                            m.Status.ToString(),
                            new DateTimeOffset(DateTime.SpecifyKind(m.StartTime, DateTimeKind.Utc)),
                            m.SiloAddress.Equals(local.SiloAddress),
                            counts.Values.Sum(),
                            counts);
                    })
                    .ToList());
            })
            .WithSummary("Every silo in the membership table with its activations per grain type")
            .WithTags("operations");
        return api;
    }

    /// <summary>
    /// The statistics name grains by CLR type ("TaobaoLive.Grains.Shops.ShopGrain,TaobaoLive.Grains");
    /// operators see the stable grain type ("shop") where the class declares one, else the class name.
    /// </summary>
    private static string KindOf(string clrType)
    {
        var type = Type.GetType(clrType, throwOnError: false);
        var declared = type?.GetCustomAttributes(typeof(GrainTypeAttribute), inherit: false).OfType<GrainTypeAttribute>().FirstOrDefault();
        if (declared is not null)
        {
            return declared.GetGrainType(null!, type!).ToString()!;
        }

        var name = clrType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
