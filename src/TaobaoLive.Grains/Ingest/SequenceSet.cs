namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// A set of record numbers kept as sorted, disjoint, non-adjacent ranges: a producer that numbers
/// its records consecutively costs one range however many it sends; out-of-order commits leave a
/// few gaps that close as the missing numbers arrive.
/// </summary>
public sealed class SequenceSet
{
    private readonly List<(long First, long Last)> _ranges = [];

    public IReadOnlyList<(long First, long Last)> Ranges => _ranges;

    public bool Contains(long seq)
    {
        var i = IndexOfFirstEndingAtOrAfter(seq);
        return i < _ranges.Count && _ranges[i].First <= seq;
    }

    public void Add(long first, long last)
    {
        // Merge with every range it overlaps or touches.
        var i = IndexOfFirstEndingAtOrAfter(first == long.MinValue ? first : first - 1);
        var j = i;
        while (j < _ranges.Count && (last == long.MaxValue || _ranges[j].First <= last + 1))
        {
            first = Math.Min(first, _ranges[j].First);
            last = Math.Max(last, _ranges[j].Last);
            j++;
        }

        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (first, last));
    }

    /// <summary>Sorted numbers as the fewest ranges.</summary>
    public static List<(long First, long Last)> RangesOf(IEnumerable<long> seqs)
    {
        var ranges = new List<(long First, long Last)>();
        foreach (var seq in seqs.Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last >= seq - 1)
            {
                ranges[^1] = (ranges[^1].First, Math.Max(ranges[^1].Last, seq));
            }
            else
            {
                ranges.Add((seq, seq));
            }
        }

        return ranges;
    }

    private int IndexOfFirstEndingAtOrAfter(long seq)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_ranges[mid].Last < seq)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
