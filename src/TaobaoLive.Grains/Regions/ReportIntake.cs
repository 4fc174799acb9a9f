namespace TaobaoLive.Grains.Regions;

/// <summary>
/// How a parent (village or aggregate region) sorts a batch of its children's reports: those that
/// follow on are applied, re-deliveries are skipped, and anything that does not add up (a gap, a
/// child it has lost, a restarted child reusing sequence numbers) asks for a rebuild from the
/// children. With a durable store a child's restart is also a reason for a second look later.
/// </summary>
internal static class ReportIntake
{
    /// <param name="reports">The batch, in stream order.</param>
    /// <param name="header">A report's child id, epoch and sequence range.</param>
    /// <param name="link">What the parent holds of a child (epoch, last sequence applied), or null.</param>
    /// <param name="apply">Applies one report that follows on.</param>
    /// <param name="durable">Whether state outlives a silo (then a restart may follow a crash).</param>
    /// <param name="rebuild">The parent's rebuild schedule, for the second look.</param>
    public static Outcome Take<TReport>(
        IReadOnlyList<TReport> reports,
        Func<TReport, (string ChildId, long Epoch, long FirstSeq, long LastSeq)> header,
        Func<string, (long Epoch, long LastSeq)?> link,
        Action<TReport> apply,
        bool durable,
        ChildRebuild rebuild)
    {
        var outcome = new Outcome();
        foreach (var report in reports)
        {
            var (childId, epoch, firstSeq, lastSeq) = header(report);
            var held = link(childId);
            if (durable && held is { } known && known.Epoch != epoch)
            {
                rebuild.SettleLater();
            }

            switch (Sequences.Check(held is not null, held?.Epoch ?? 0, held?.LastSeq ?? 0, epoch, firstSeq, lastSeq))
            {
                case SequenceCheck.Next:
                    apply(report);
                    outcome.Applied = true;
                    break;
                case SequenceCheck.Gap:
                    outcome.Gaps++;
                    if (held is null)
                    {
                        outcome.Unknown.Add(childId);
                    }

                    break;
            }
        }

        if (outcome.Gaps > 0)
        {
            rebuild.SettleLater();
        }

        return outcome;
    }

    public sealed class Outcome
    {
        public bool Applied { get; set; }

        /// <summary>Reports that did not follow on: the parent must rebuild from its children.</summary>
        public int Gaps { get; set; }

        /// <summary>Children never heard of before whose first report was not their first: include them in the rebuild.</summary>
        public List<string> Unknown { get; } = [];
    }
}
