using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Remembers the answer to one Idempotency-Key for <see cref="Retention"/>. Grain calls are serial,
/// so two concurrent requests with one key cannot both start: the second sees InProgress.
/// </summary>
[GrainType("idempotency")]
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.Grains)] IPersistentState<IdempotencyState> state,
    BusinessClock clock) : Grain, IIdempotencyGrain
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private bool _running;

    public Task<IdempotencyTicket> Begin(string requestHash)
    {
        var saved = state.State;
        if (saved.CompletedAt is { } completed && clock.WallNow - completed < Retention)
        {
            return Task.FromResult(saved.RequestHash == requestHash
                ? new IdempotencyTicket(IdempotencyOutcome.Completed, saved.StatusCode, saved.Body)
                : new IdempotencyTicket(IdempotencyOutcome.Mismatch, 0, null));
        }

        if (_running)
        {
            return Task.FromResult(new IdempotencyTicket(
                saved.RequestHash == requestHash ? IdempotencyOutcome.InProgress : IdempotencyOutcome.Mismatch, 0, null));
        }

        _running = true;
        saved.RequestHash = requestHash;
        saved.CompletedAt = null;
        return Task.FromResult(new IdempotencyTicket(IdempotencyOutcome.Started, 0, null));
    }

    public async Task Complete(int statusCode, string body)
    {
        _running = false;
        state.State.StatusCode = statusCode;
        state.State.Body = body;
        state.State.CompletedAt = clock.WallNow;
        // Written at once: the answer must survive to be repeated.
        await state.WriteStateAsync();
    }

    public Task Abandon()
    {
        _running = false;
        state.State.RequestHash = null;
        return Task.CompletedTask;
    }
}
