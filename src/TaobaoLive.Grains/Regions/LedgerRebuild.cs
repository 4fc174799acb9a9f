using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Time;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// A parent's day buckets rebuilt from its children's contributions, and what changed against the
/// buckets it held (to report upward as an ordinary delta).
/// </summary>
internal static class LedgerRebuild
{
    public static DayLedger Sum(IEnumerable<ChildContribution> contributions)
    {
        var ledger = new DayLedger();
        foreach (var contribution in contributions)
        {
            foreach (var day in contribution.Days)
            {
                ledger.Add(day.Day, day.Fen);
            }
        }

        return ledger;
    }

    /// <summary>
    /// The buckets summed from <paramref name="parts"/>; what they differ from <paramref name="held"/>
    /// is added to <paramref name="pending"/>, to go upward as an ordinary report.
    /// </summary>
    public static DayLedger Replace(DayLedger held, IEnumerable<ChildContribution> parts, Dictionary<int, long> pending)
    {
        var fresh = Sum(parts);
        AddDifference(held, fresh, pending);
        return fresh;
    }

    /// <summary>Points every child's link at what its contribution says (adding links for children new to the parent).</summary>
    public static void Relink<TLink>(IReadOnlyList<string> ids, IReadOnlyList<ChildContribution> parts, Dictionary<string, TLink> links, Action<TLink, ChildContribution> set)
        where TLink : new()
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!links.TryGetValue(ids[i], out var link))
            {
                link = new TLink();
                links[ids[i]] = link;
            }

            set(link, parts[i]);
        }
    }

    /// <summary>Adds <paramref name="fresh"/> minus <paramref name="held"/>, day by day, to <paramref name="pending"/>.</summary>
    public static void AddDifference(DayLedger held, DayLedger fresh, Dictionary<int, long> pending)
    {
        var difference = new Dictionary<int, long>();
        foreach (var entry in fresh.Entries)
        {
            difference[entry.Day] = entry.Fen;
        }

        foreach (var entry in held.Entries)
        {
            difference[entry.Day] = difference.GetValueOrDefault(entry.Day) - entry.Fen;
        }

        foreach (var (day, fen) in difference)
        {
            if (fen != 0)
            {
                pending[day] = checked(pending.GetValueOrDefault(day) + fen);
            }
        }
    }

    /// <summary>The buckets minus what is still waiting to be reported: what the parent has been told.</summary>
    public static List<DayTurnover> Reported(DayLedger ledger, Dictionary<int, long> pending)
    {
        var reported = new DayLedger(ledger.Entries);
        foreach (var (day, fen) in pending)
        {
            reported.Add(day, -fen);
        }

        return DayLedgers.ToState(reported);
    }
}
