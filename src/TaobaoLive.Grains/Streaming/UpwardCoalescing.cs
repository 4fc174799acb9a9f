using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Streaming;

/// <summary>
/// How several reports of one child in one flush become one. Deltas add up and their sequence
/// ranges join; absolute values take the newest. Order of children is kept (first appearance).
/// </summary>
public static class UpwardCoalescing
{
    public static IReadOnlyList<ShopTurnover> MergeShopTurnover(IReadOnlyList<ShopTurnover> items)
    {
        if (items.Count < 2)
        {
            return items;
        }

        var merged = new Dictionary<string, ShopTurnover>(items.Count, StringComparer.Ordinal);
        var order = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (merged.TryGetValue(item.ShopId, out var earlier) && earlier.LastSeq + 1 == item.FirstSeq && earlier.Epoch == item.Epoch)
            {
                merged[item.ShopId] = earlier with
                {
                    LastSeq = item.LastSeq,
                    Days = AddDays(earlier.Days, item.Days),
                    LastPaidDay = Math.Max(earlier.LastPaidDay, item.LastPaidDay),
                };
            }
            else if (!merged.ContainsKey(item.ShopId))
            {
                merged[item.ShopId] = item;
                order.Add(item.ShopId);
            }
            else
            {
                // Not contiguous with what is buffered (a re-sent duplicate, or a new activation of
                // the shop): keep the items apart so the village's check sees exactly what was sent.
                return items;
            }
        }

        return order.Select(id => merged[id]).ToList();
    }

    public static IReadOnlyList<RegionTurnover> MergeRegionTurnover(IReadOnlyList<RegionTurnover> items)
    {
        if (items.Count < 2)
        {
            return items;
        }

        var merged = new Dictionary<string, RegionTurnover>(items.Count, StringComparer.Ordinal);
        var order = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (merged.TryGetValue(item.ChildId, out var earlier) && earlier.LastSeq + 1 == item.FirstSeq && earlier.Epoch == item.Epoch)
            {
                merged[item.ChildId] = earlier with
                {
                    LastSeq = item.LastSeq,
                    Days = AddDays(earlier.Days, item.Days),
                    Counts = item.Counts,
                };
            }
            else if (!merged.ContainsKey(item.ChildId))
            {
                merged[item.ChildId] = item;
                order.Add(item.ChildId);
            }
            else
            {
                return items;
            }
        }

        return order.Select(id => merged[id]).ToList();
    }

    public static IReadOnlyList<VillageStanding> MergeStandings(IReadOnlyList<VillageStanding> items)
    {
        if (items.Count < 2)
        {
            return items;
        }

        var latest = new Dictionary<string, VillageStanding>(items.Count, StringComparer.Ordinal);
        var order = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (!latest.TryGetValue(item.VillageId, out var earlier))
            {
                order.Add(item.VillageId);
                latest[item.VillageId] = item;
            }
            else if (item.Seq > earlier.Seq || item.Epoch != earlier.Epoch)
            {
                latest[item.VillageId] = item;
            }
        }

        return order.Select(id => latest[id]).ToList();
    }

    /// <summary>Rankings are absolute: the newest entry of each region wins.</summary>
    public static IReadOnlyList<RankingEntry> MergeRankings(IReadOnlyList<RankingEntry> items)
    {
        if (items.Count < 2)
        {
            return items;
        }

        var latest = new Dictionary<string, RankingEntry>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            latest[item.RegionId] = item;
        }

        return latest.Values.ToList();
    }

    /// <summary>Sums two day-delta lists into one sorted by day, dropping days that cancel out.</summary>
    public static IReadOnlyList<DayTurnover> AddDays(IReadOnlyList<DayTurnover> first, IReadOnlyList<DayTurnover> second)
    {
        var sums = new SortedDictionary<int, long>();
        foreach (var day in first.Concat(second))
        {
            sums[day.Day] = checked(sums.GetValueOrDefault(day.Day) + day.Fen);
        }

        return sums.Where(kv => kv.Value != 0).Select(kv => new DayTurnover(kv.Key, kv.Value)).ToList();
    }
}
