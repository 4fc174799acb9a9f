namespace TaobaoLive.Grains.Regions;

/// <summary>The verdict on a child's report range against the last sequence applied.</summary>
internal enum SequenceCheck
{
    /// <summary>Follows on directly: apply.</summary>
    Next,

    /// <summary>Skips ahead: some reports were lost. Apply, and count the gap.</summary>
    Gap,

    /// <summary>Already applied (a re-delivery): ignore.</summary>
    Duplicate,
}

internal static class Sequences
{
    public static SequenceCheck Check(long lastApplied, long firstSeq, long lastSeq)
    {
        if (lastSeq <= lastApplied || firstSeq <= lastApplied)
        {
            // A range overlapping what was applied cannot be split (its deltas are summed): treating
            // it as a duplicate never counts turnover twice.
            return SequenceCheck.Duplicate;
        }

        return firstSeq == lastApplied + 1 ? SequenceCheck.Next : SequenceCheck.Gap;
    }
}
