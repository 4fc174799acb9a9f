using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Streaming;

/// <summary>
/// How two reports of one child in one flush become one. Deltas add up and their sequence ranges
/// join; absolute values take the newest. A merge that would hide something from the receiver
/// (sequence ranges that do not join, another activation of the child) answers null: both are sent.
/// </summary>
public static class UpwardCoalescing
{
    public static ShopTurnover? Merge(ShopTurnover earlier, ShopTurnover later) =>
        earlier.LastSeq + 1 == later.FirstSeq && earlier.Epoch == later.Epoch
            ? earlier with
            {
                LastSeq = later.LastSeq,
                Days = AddDays(earlier.Days, later.Days),
                LastPaidDay = Math.Max(earlier.LastPaidDay, later.LastPaidDay),
            }
            : null;

    public static RegionTurnover? Merge(RegionTurnover earlier, RegionTurnover later) =>
        earlier.LastSeq + 1 == later.FirstSeq && earlier.Epoch == later.Epoch
            ? earlier with { LastSeq = later.LastSeq, Days = AddDays(earlier.Days, later.Days), Counts = later.Counts }
            : null;

    /// <summary>The higher sequence wins; a standing from another activation of the village replaces the earlier one.</summary>
    public static VillageStanding Merge(VillageStanding earlier, VillageStanding later) =>
        later.Seq > earlier.Seq || later.Epoch != earlier.Epoch ? later : earlier;

    /// <summary>Rankings are absolute: the newest entry of a region wins.</summary>
    public static RankingEntry Merge(RankingEntry earlier, RankingEntry later) => later;

    /// <summary>Sums two day-delta lists (each in day order) into one in day order, dropping days that cancel out.</summary>
    public static IReadOnlyList<DayTurnover> AddDays(IReadOnlyList<DayTurnover> first, IReadOnlyList<DayTurnover> second)
    {
        Span<DayTurnover> sums = first.Count + second.Count <= 32 ? stackalloc DayTurnover[first.Count + second.Count] : new DayTurnover[first.Count + second.Count];
        int i = 0, j = 0, count = 0;
        while (i < first.Count || j < second.Count)
        {
            if (j == second.Count || (i < first.Count && first[i].Day < second[j].Day))
            {
                sums[count++] = first[i++];
            }
            else if (i == first.Count || second[j].Day < first[i].Day)
            {
                sums[count++] = second[j++];
            }
            else
            {
                sums[count++] = new DayTurnover(first[i].Day, checked(first[i++].Fen + second[j++].Fen));
            }
        }

        return NonZero(sums[..count]);
    }

    /// <summary>The days whose change is not zero, as an exact array (the form a report carries).</summary>
    public static DayTurnover[] NonZero(Span<DayTurnover> days)
    {
        var kept = 0;
        foreach (var day in days)
        {
            if (day.Fen != 0)
            {
                days[kept++] = day;
            }
        }

        return days[..kept].ToArray();
    }
}
