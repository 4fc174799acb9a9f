using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Tests.Persistence;

/// <summary>What a deactivation writes, by store: the in-memory store is not written when its silo stops.</summary>
public sealed class DeactivationWriteTests
{
    private static readonly DeactivationReason ShuttingDown = new(DeactivationReasonCode.ShuttingDown, "silo stopping");
    private static readonly DeactivationReason Idle = new(DeactivationReasonCode.ActivationIdle, "idle");

    [Fact]
    public async Task An_in_memory_grain_writes_when_it_goes_idle_but_not_when_its_silo_stops()
    {
        var idleState = new CountingState();
        var idle = new DeferredStateWriter<object>(null!, idleState, interval: null);
        idle.MarkDirty();
        await idle.OnDeactivateAsync(Idle, CancellationToken.None);

        var stoppingState = new CountingState();
        var stopping = new DeferredStateWriter<object>(null!, stoppingState, interval: null);
        stopping.MarkDirty();
        await stopping.OnDeactivateAsync(ShuttingDown, CancellationToken.None, force: true);

        Assert.Equal(1, idleState.Writes);
        Assert.Equal(0, stoppingState.Writes);
    }

    [Fact]
    public async Task A_durable_grain_writes_when_its_silo_stops()
    {
        var state = new CountingState();
        var writer = new DeferredStateWriter<object>(null!, state, interval: TimeSpan.FromSeconds(5));

        await writer.OnDeactivateAsync(ShuttingDown, CancellationToken.None, force: true);
        await writer.OnDeactivateAsync(Idle, CancellationToken.None);

        // Forced (the clean-shutdown flag must reach storage) even with nothing changed; the second has nothing new.
        Assert.Equal(1, state.Writes);
    }

    private sealed class CountingState : IPersistentState<object>
    {
        public int Writes { get; private set; }

        public object State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => Writes > 0;

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync()
        {
            Writes++;
            return Task.CompletedTask;
        }

        public Task ReadStateAsync() => Task.CompletedTask;
    }
}
