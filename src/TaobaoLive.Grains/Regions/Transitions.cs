using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Grains.Regions;

internal static class Transitions
{
    public static string StatusName(RegionStatus status) => status switch
    {
        RegionStatus.TaobaoVillage => StatusNames.TaobaoVillage,
        RegionStatus.TaobaoTown => StatusNames.TaobaoTown,
        _ => StatusNames.None,
    };

    /// <summary>The event for a village or town moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static StatusChanged Region(
        string id, RegionLevel level, string name, string path,
        RegionStatus from, RegionStatus to, DateTimeOffset eventTime, string cause) =>
        new(
            id,
            level == RegionLevel.Village ? SubjectKind.Village : SubjectKind.Town,
            name,
            path,
            to == RegionStatus.None ? StatusChangeKind.Lapsed : StatusChangeKind.Qualified,
            StatusName(from),
            StatusName(to),
            eventTime,
            cause,
            []);
}
