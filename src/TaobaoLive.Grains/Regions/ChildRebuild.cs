using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// The mechanics a parent (village or aggregate region) shares when it rebuilds itself from its
/// children: fetching every child's contribution (bounded: a child on a silo that just died may not
/// answer until the silo is declared dead), trying again on a timer when one cannot answer, and a
/// second look once the cluster has settled after a crash.
/// </summary>
internal sealed class ChildRebuild(IGrainBase grain, Func<Task> rebuild)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a sign of a crash (a child restarted, reports that do not follow on, stored state not
    /// left by a graceful stop) the parent rebuilds once more this long after the last such sign:
    /// reports that were in flight on the lost silo, or taken by a duplicate activation while the
    /// directory healed, are lost without a later report to reveal the gap.
    /// </summary>
    public static readonly TimeSpan SettleAfter = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private IGrainTimer? _retry;
    private IGrainTimer? _settle;

    // The calls of the last fetch while any of them has not answered.
    private Task? _outstanding;

    /// <summary>
    /// On activation: stored state not left by a graceful stop (and with children to ask) is rebuilt
    /// as soon as the grain is free (not during activation: it calls the children) and looked at
    /// again once things have settled. With a durable store a parent rebuilds once on every
    /// activation, clean or not: a graceful stop writes each grain's state as it deactivates, but
    /// reports still in the silo's stream queues at that moment are not delivered (villages and
    /// regions came back 5-6% short of their shops after a graceful stop under load). State that was
    /// left cleanly is, with a durable store, marked unclean in storage at once, so a crash from
    /// here on is noticed by the next activation.
    /// </summary>
    public async Task OnActivateAsync<TState>(IPersistentState<TState> state, bool hasChildren, bool durable, CancellationToken cancellationToken)
        where TState : ICleanShutdown
    {
        if (!state.State.Clean && hasChildren)
        {
            Schedule(TimeSpan.Zero);
            SettleLater();
        }
        else if (durable && hasChildren)
        {
            Schedule(TimeSpan.Zero);
        }

        if (state.State.Clean && durable)
        {
            state.State.Clean = false;
            await state.WriteStateAsync(cancellationToken);
        }

        state.State.Clean = false;
    }

    /// <summary>On deactivation: no more rebuilds, and the state written marked clean.</summary>
    public Task OnDeactivateAsync<TState>(TState state, DeferredStateWriter<TState> writer, DeactivationReason reason, CancellationToken cancellationToken)
        where TState : ICleanShutdown
    {
        Cancel();
        state.Clean = true;
        return writer.OnDeactivateAsync(reason, cancellationToken, force: true);
    }

    /// <summary>Rebuilds after <paramref name="due"/> (zero: as soon as the grain is free).</summary>
    public void Schedule(TimeSpan due) => Arm(ref _retry, due);

    /// <summary>A sign of a crash: rebuild again once there has been none for <see cref="SettleAfter"/>.</summary>
    public void SettleLater() => Arm(ref _settle, SettleAfter);

    public void Cancel()
    {
        _retry?.Dispose();
        _retry = null;
        _settle?.Dispose();
        _settle = null;
    }

    /// <summary>Every child's answer in the order of <paramref name="ids"/>; null, with a retry scheduled, if one cannot answer.</summary>
    public async Task<T[]?> Fetch<T>(IReadOnlyList<string> ids, Func<string, Task<T>> ask)
    {
        if (_outstanding is { IsCompleted: false })
        {
            // The children have not all answered the last round: asking again would only queue more
            // calls behind the same slow activations. After a restart of a whole cluster with
            // 100,000 shops, 2,000 villages asking every 15 s kept 200,000 calls waiting and the
            // silos timed out 180,000 of them; the next try comes once the last round has answered.
            Schedule(RetryAfter);
            return null;
        }

        try
        {
            var all = Task.WhenAll(ids.Select(ask));
            _outstanding = all;
            var parts = await all.WaitAsync(FetchTimeout);
            _retry?.Dispose();
            _retry = null;
            grain.GrainContext.ActivationServices.GetService<TaobaoLiveMetrics>()?.Rebuilt(grain.GrainContext.GrainId.Type.ToString()!);
            return parts;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Schedule(RetryAfter);
            return null;
        }
    }

    private void Arm(ref IGrainTimer? timer, TimeSpan due)
    {
        timer?.Dispose();
        timer = grain.RegisterGrainTimer(_ => rebuild(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
    }
}
