using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Contracts;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Api;

/// <summary>Reads region grains and turns what they hold into wire views.</summary>
public sealed class RegionViews(IGrainFactory grains, GeographyModel geography)
{
    public GeographyModel Geography => geography;

    public async Task<RegionView> Read(Region region) =>
        ToView(region, await RegionGrains.Get(grains, region.Level, region.Id).GetState());

    public async Task<IReadOnlyList<RegionView>> Read(IEnumerable<Region> regions) =>
        await Task.WhenAll(regions.Select(Read));

    public static string LevelName(RegionLevel level) => level.ToString().ToLowerInvariant();

    public static bool TryParseLevel(string? text, out RegionLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(text, out _);

    public static string? StatusName(RegionLevel level, RegionStatus status) => level switch
    {
        RegionLevel.Village => status == RegionStatus.TaobaoVillage ? StatusNames.TaobaoVillage : StatusNames.None,
        RegionLevel.Town => status == RegionStatus.TaobaoTown ? StatusNames.TaobaoTown : StatusNames.None,
        _ => null,
    };

    public static RegionView ToView(Region region, RegionSnapshot state) => new(
        region.Id,
        LevelName(region.Level),
        region.Name,
        region.Path,
        region.Parent?.Id,
        StatusName(region.Level, state.Status),
        Money.Yuan(state.AnnualTurnoverFen),
        Money.Yuan(state.TodayTurnoverFen),
        state.Counts.Shops,
        state.Counts.ActiveShops,
        state.Households,
        state.Counts.TaobaoVillages,
        state.Counts.TaobaoTowns,
        state.Counts.Clusters,
        region.Children.Count,
        state.StatusSince,
        state.StatusCause,
        state.AsOf,
        region.FullName,
        region.Code,
        region.Listed2015,
        region.Latitude,
        region.Longitude);

    public ClusterView ToView(ClusterSnapshot cluster, string name) => new(
        cluster.Id,
        cluster.IsLarge ? StatusNames.LargeCluster : StatusNames.Cluster,
        cluster.Size,
        Money.Yuan(cluster.AnnualTurnoverFen),
        cluster.ProvinceId,
        cluster.Members.Select(id => new Contracts.ClusterMember(id, geography.FindById(id)?.Path ?? id)).ToList(),
        name);

    public static StatusChangeView ToView(StatusChanged change) => new(
        change.SubjectId,
        change.Subject.ToString().ToLowerInvariant(),
        change.Subject switch
        {
            SubjectKind.Village => "village",
            SubjectKind.Town => "town",
            _ => "cluster",
        },
        change.Name,
        change.Path,
        KindName(change.Kind),
        change.From,
        change.To,
        change.EventTime,
        change.Cause,
        change.RelatedIds);

    /// <summary>"ClusterFormed" → "cluster-formed".</summary>
    public static string KindName(StatusChangeKind kind)
    {
        var text = kind.ToString();
        var result = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                result.Append('-');
            }

            result.Append(char.ToLowerInvariant(text[i]));
        }

        return result.ToString();
    }
}
