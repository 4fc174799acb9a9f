namespace TaobaoLive.Simulator.Runs.Crash;

/// <summary>
/// A crash run's ledger against what the platform shows. <see cref="Lost"/> and <see cref="Doubled"/>
/// count orders: a shop short of its ledger lost them, a shop above it counted some twice.
/// </summary>
public sealed record CrashReport(
    int Kills,
    int Batches,
    long Orders,
    int AcknowledgedAtOnce,
    int Unanswered,
    int ReplayedOnRetry,
    long Lost,
    long Doubled,
    int ShopsWrong,
    IReadOnlyList<string> LevelsWrong,
    TimeSpan ShopsExactAfter,
    TimeSpan LevelsExactAfter,
    TimeSpan Elapsed,
    TimeSpan? ExactAfterLoss = null)
{
    public bool Exact => Lost == 0 && Doubled == 0 && ShopsWrong == 0 && LevelsWrong.Count == 0;

    public string Summary =>
        $"{Kills} kill(s), {Batches:N0} batches / {Orders:N0} orders: {AcknowledgedAtOnce:N0} acknowledged at once, {Unanswered:N0} unanswered and retried with their keys " +
        $"({ReplayedOnRetry:N0} of those answered as already committed); lost {Lost:N0}, doubled {Doubled:N0}, shops wrong {ShopsWrong:N0}, levels wrong {LevelsWrong.Count}; " +
        $"shops exact {ShopsExactAfter.TotalSeconds:0.0} s and every level {LevelsExactAfter.TotalSeconds:0.0} s after the last retry; {Elapsed.TotalSeconds:0} s in all" +
        (ExactAfterLoss is { } loss ? $"; every shop and level exact {loss.TotalSeconds:0.0} s after the host was lost" : string.Empty);
}
