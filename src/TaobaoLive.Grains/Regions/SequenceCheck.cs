namespace TaobaoLive.Grains.Regions;

/// <summary>The verdict on a child's report range against what the parent holds of the child.</summary>
internal enum SequenceCheck
{
    /// <summary>Follows on directly: apply.</summary>
    Next,

    /// <summary>
    /// Does not follow on: reports were lost, a report already applied came again merged with later
    /// ones, or the child or the parent came back from older stored state after a crash. The
    /// parent's sums cannot be trusted: rebuild from the children.
    /// </summary>
    Gap,

    /// <summary>Already applied (a re-delivery): ignore.</summary>
    Duplicate,
}

internal static class Sequences
{
    public static SequenceCheck Check(long lastApplied, long firstSeq, long lastSeq)
    {
        if (lastSeq <= lastApplied)
        {
            return SequenceCheck.Duplicate;
        }

        // A range that overlaps what was applied and goes beyond it cannot be split (its deltas are
        // summed): applying it would count the overlap twice, dropping it would lose the rest. It
        // comes from a publish that failed after the queue had taken it (a timeout), put back and
        // merged with the child's later reports; dropped as a duplicate, as it once was, the later
        // part was lost until the child's next report showed the gap, and for good if none came.
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
