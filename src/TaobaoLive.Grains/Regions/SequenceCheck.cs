namespace TaobaoLive.Grains.Regions;

/// <summary>The verdict on a child's report range against what the parent holds of the child.</summary>
internal enum SequenceCheck
{
    /// <summary>Follows on directly: apply.</summary>
    Next,

    /// <summary>
    /// Does not follow on: reports were lost, or the child or the parent came back from older
    /// stored state after a crash. The parent's sums cannot be trusted: rebuild from the children.
    /// </summary>
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

    /// <summary>
    /// As <see cref="Check(long, long, long)"/>, knowing the child's activation (epoch). Within one
    /// epoch an overlapping range is a re-delivery. A new epoch that follows on is a clean restart;
    /// one that does not means stored state was older than what was reported (a crash): the child
    /// reuses or skips sequence numbers, so the parent must rebuild. A child never seen before must
    /// start at 1, or the parent has lost its earlier reports.
    /// </summary>
    public static SequenceCheck Check(bool known, long linkEpoch, long lastApplied, long epoch, long firstSeq, long lastSeq)
    {
        if (!known)
        {
            return firstSeq == 1 ? SequenceCheck.Next : SequenceCheck.Gap;
        }

        if (epoch == linkEpoch)
        {
            return Check(lastApplied, firstSeq, lastSeq);
        }

        return firstSeq == lastApplied + 1 ? SequenceCheck.Next : SequenceCheck.Gap;
    }
}
