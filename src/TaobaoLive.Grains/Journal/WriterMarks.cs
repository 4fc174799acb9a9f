using TaobaoLive.Abstractions.Shops;

namespace TaobaoLive.Grains.Journal;

/// <summary>The dedup rule for journal entries at a shop (see <see cref="WriterMark"/>).</summary>
public static class WriterMarks
{
    /// <summary>A writer silent this long is gone and its entries truncated: its mark is dropped.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// True when the entry at <paramref name="position"/> is new to the shop, and records it as
    /// applied; false when the shop holds it already (a replay or a retry).
    /// </summary>
    public static bool TryTake(List<WriterMark> marks, JournalPosition position, DateTimeOffset now)
    {
        WriterMark? mark = null;
        for (var i = marks.Count - 1; i >= 0; i--)
        {
            var candidate = marks[i];
            if (candidate.Writer == position.Writer)
            {
                mark = candidate;
            }
            else if (now - candidate.LastSeen > ForgetAfter)
            {
                marks.RemoveAt(i);
            }
        }

        if (mark is null)
        {
            mark = new WriterMark { Writer = position.Writer };
            marks.Add(mark);
        }

        mark.LastSeen = now;
        var applied = mark.Applied;
        if (position.Truncated > mark.Floor)
        {
            // Applied is in ascending order (see Sort): what the truncation covers is a prefix.
            mark.Floor = position.Truncated;
            var covered = 0;
            while (covered < applied.Count && applied[covered] <= position.Truncated)
            {
                covered++;
            }

            applied.RemoveRange(0, covered);
        }

        if (position.Seq <= mark.Floor)
        {
            return false;
        }

        var at = applied.BinarySearch(position.Seq);
        if (at >= 0)
        {
            return false;
        }

        applied.Insert(~at, position.Seq);
        return true;
    }

    /// <summary>
    /// Puts each mark's applied entries in ascending order, which <see cref="TryTake"/> keeps (a
    /// state written before it did holds them in the order they came).
    /// </summary>
    public static void Sort(List<WriterMark>? marks)
    {
        if (marks is null)
        {
            return;
        }

        foreach (var mark in marks)
        {
            mark.Applied.Sort();
        }
    }
}
