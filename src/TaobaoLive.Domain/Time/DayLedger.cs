namespace TaobaoLive.Domain.Time;

/// <summary>
/// Sparse per-day amounts in fen, sorted by day. Only days that saw a change are stored, and days
/// whose amount returns to zero are removed, so a quiet shop costs nothing and a busy village at
/// most one entry per day of the window. Appending to the newest day (the common case) is O(1);
/// a late day is found by binary search.
/// </summary>
public sealed class DayLedger
{
    private readonly List<DayAmount> _entries;

    public DayLedger() => _entries = [];

    public DayLedger(IEnumerable<DayAmount> entries)
    {
        _entries = entries.Where(e => e.Fen != 0).OrderBy(e => e.Day).ToList();
        for (var i = 1; i < _entries.Count; i++)
        {
            if (_entries[i].Day == _entries[i - 1].Day)
            {
                throw new ArgumentException($"day {_entries[i].Day} appears more than once", nameof(entries));
            }
        }
    }

    public IReadOnlyList<DayAmount> Entries => _entries;

    public int Count => _entries.Count;

    public int? LastDay => _entries.Count == 0 ? null : _entries[^1].Day;

    public void Add(int day, long fen)
    {
        if (fen == 0)
        {
            return;
        }

        if (_entries.Count == 0 || _entries[^1].Day < day)
        {
            _entries.Add(new DayAmount(day, fen));
            return;
        }

        var index = IndexOf(day);
        if (index < 0)
        {
            _entries.Insert(~index, new DayAmount(day, fen));
            return;
        }

        var sum = checked(_entries[index].Fen + fen);
        if (sum == 0)
        {
            _entries.RemoveAt(index);
        }
        else
        {
            _entries[index] = new DayAmount(day, sum);
        }
    }

    public long On(int day)
    {
        var index = IndexOf(day);
        return index < 0 ? 0 : _entries[index].Fen;
    }

    /// <summary>The total from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    public long Sum(int firstDay, int lastDay)
    {
        if (firstDay > lastDay || _entries.Count == 0)
        {
            return 0;
        }

        var start = IndexOf(firstDay);
        if (start < 0)
        {
            start = ~start;
        }

        long total = 0;
        for (var i = start; i < _entries.Count && _entries[i].Day <= lastDay; i++)
        {
            total = checked(total + _entries[i].Fen);
        }

        return total;
    }

    public long SumWithin(TrailingWindow window, int today) => Sum(window.FirstDay(today), today);

    /// <summary>Drops days before <paramref name="firstDayToKeep"/>: called as the window slides, so memory stays bounded.</summary>
    public void PruneBefore(int firstDayToKeep)
    {
        if (_entries.Count == 0 || _entries[0].Day >= firstDayToKeep)
        {
            return;
        }

        var index = IndexOf(firstDayToKeep);
        _entries.RemoveRange(0, index < 0 ? ~index : index);
    }

    private int IndexOf(int day)
    {
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = _entries[middle].Day;
            if (found == day)
            {
                return middle;
            }

            if (found < day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
