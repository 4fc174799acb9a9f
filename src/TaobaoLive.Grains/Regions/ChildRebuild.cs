using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// The mechanics a parent (village or aggregate region) shares when it rebuilds itself from its
/// children: fetching every child's contribution, and trying again on a timer when a child cannot
/// answer now (its silo just died and has not been declared yet).
/// </summary>
internal sealed class ChildRebuild(IGrainBase grain, Func<Task> rebuild)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private IGrainTimer? _timer;

    /// <summary>Rebuilds after <paramref name="due"/> (zero: as soon as the grain is free).</summary>
    public void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = grain.RegisterGrainTimer(_ => rebuild(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
    }

    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Every child's contribution in the order of <paramref name="ids"/>; null, with a retry scheduled, if one cannot answer.</summary>
    public async Task<ChildContribution[]?> Fetch(IReadOnlyList<string> ids, Func<string, Task<ChildContribution>> contribution)
    {
        try
        {
            var parts = await Task.WhenAll(ids.Select(contribution));
            Cancel();
            return parts;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Schedule(RetryAfter);
            return null;
        }
    }
}
