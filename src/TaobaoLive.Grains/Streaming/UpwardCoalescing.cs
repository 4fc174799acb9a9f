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
            DayTurnover next;
            if (j == second.Count || (i < first.Count && first[i].Day < second[j].Day))
            {
                next = first[i++];
            }
            else if (i == first.Count || second[j].Day < first[i].Day)
            {
                next = second[j++];
            }
            else
            {
                next = new DayTurnover(first[i].Day, checked(first[i++].Fen + second[j++].Fen));
            }

            if (next.Fen != 0)
            {
                sums[count++] = next;
            }
        }

        return sums[..count].ToArray();
    }
}

/// <summary>
/// Reports waiting for one parent, merged as they arrive: each child's newest report absorbs the
/// next one when <c>merge</c> allows, so a busy child costs one pending report, not one per change,
/// and what is merged away dies young. Children keep the order of their first report; one child's
/// reports stay in the order they came. Items without a key (status changes) are never merged.
/// Not thread-safe: <see cref="OutboxBuffer{T}"/> locks around it.
/// </summary>
public sealed class Coalescer<T>(Func<T, string?> keyOf, Func<T, T, T?> merge)
    where T : class
{
    private readonly Dictionary<string, int> _newest = new(StringComparer.Ordinal);
    private List<T> _items = [];

    public int Count => _items.Count;

    public void Add(T item)
    {
        var key = keyOf(item);
        if (key is null)
        {
            _items.Add(item);
            return;
        }

        if (_newest.TryGetValue(key, out var at) && merge(_items[at], item) is { } merged)
        {
            _items[at] = merged;
            return;
        }

        _newest[key] = _items.Count;
        _items.Add(item);
    }

    /// <summary>Everything pending, in order; the coalescer starts empty.</summary>
    public List<T> Take()
    {
        var taken = _items;
        _items = [];
        _newest.Clear();
        return taken;
    }

    /// <summary>Puts taken items back in front of what arrived since (a publish failed), merging again.</summary>
    public void PutBack(List<T> taken)
    {
        var since = Take();
        foreach (var item in taken)
        {
            Add(item);
        }

        foreach (var item in since)
        {
            Add(item);
        }
    }
}
