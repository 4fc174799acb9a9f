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
        if (position.Truncated > mark.Floor)
        {
            mark.Floor = position.Truncated;
            mark.Applied.RemoveAll(seq => seq <= position.Truncated);
        }

        if (position.Seq <= mark.Floor || mark.Applied.Contains(position.Seq))
        {
            return false;
        }

        mark.Applied.Add(position.Seq);
        return true;
    }
}
