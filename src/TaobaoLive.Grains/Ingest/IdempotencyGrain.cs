using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Remembers the answer to one Idempotency-Key for <see cref="Retention"/>. Grain calls are serial,
/// so two concurrent requests with one key cannot both start: the second sees InProgress.
/// With the durable store the answer to an accepted batch is committed with the batch itself
/// (<see cref="IIdempotencyRecords"/>): this grain looks it up there and never writes it, so a
/// replayed answer is only ever given for a batch that is durably committed.
/// </summary>
[GrainType("idempotency")]
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.Grains)] IPersistentState<IdempotencyState> state,
    BusinessClock clock,
    IIdempotencyRecords records) : Grain, IIdempotencyGrain
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private bool _running;

    public async Task<IdempotencyTicket> Begin(string requestHash)
    {
        var saved = state.State;
        if (records.Enabled && saved.CompletedAt is null && !_running && await records.Find(this.GetPrimaryKeyString()) is { } committed)
        {
            saved.RequestHash = committed.RequestHash;
            saved.StatusCode = committed.StatusCode;
            saved.Body = committed.Body;
            saved.CompletedAt = clock.WallNow;
        }

        return Decide(saved, requestHash);
    }

    private IdempotencyTicket Decide(IdempotencyState saved, string requestHash)
    {
        if (saved.CompletedAt is { } completed && clock.WallNow - completed < Retention)
        {
            return saved.RequestHash == requestHash
                ? new IdempotencyTicket(IdempotencyOutcome.Completed, saved.StatusCode, saved.Body)
                : new IdempotencyTicket(IdempotencyOutcome.Mismatch, 0, null);
        }

        if (_running)
        {
            return new IdempotencyTicket(
                saved.RequestHash == requestHash ? IdempotencyOutcome.InProgress : IdempotencyOutcome.Mismatch, 0, null);
        }

        _running = true;
        saved.RequestHash = requestHash;
        saved.CompletedAt = null;
        return new IdempotencyTicket(IdempotencyOutcome.Started, 0, null);
    }

    public async Task Complete(int statusCode, string body)
    {
        _running = false;
        state.State.StatusCode = statusCode;
        state.State.Body = body;
        state.State.CompletedAt = clock.WallNow;
        if (records.Enabled)
        {
            // Committed with the batch already (an accepted one); a rejected batch's answer is not kept.
            return;
        }

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
