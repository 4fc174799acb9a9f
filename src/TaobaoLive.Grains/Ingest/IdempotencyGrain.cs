using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Grains.Clock;

namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// Repeats the answer to one Idempotency-Key for <see cref="IdempotencyRecords.Retention"/>. Grain
/// calls are serial, so two concurrent requests with one key cannot both start: the second sees
/// InProgress. The answers themselves live in <see cref="IIdempotencyRecords"/>: with the durable
/// store the answer to an accepted batch is committed with the batch itself (a replayed answer is
/// only ever given for a batch that is durably committed); on the embedded host they are kept in
/// the process for the retention and then dropped. The grain keeps nothing in storage.
/// </summary>
[GrainType(GrainTypeNames.Idempotency)]
public sealed class IdempotencyGrain(BusinessClock clock, IIdempotencyRecords records) : Grain, IIdempotencyGrain
{
    private readonly IdempotencyState _answer = new();
    private bool _running;

    public async Task<IdempotencyTicket> Begin(string requestHash)
    {
        if (_answer.CompletedAt is null && !_running && await records.Find(this.GetPrimaryKeyString()) is { } kept)
        {
            _answer.RequestHash = kept.RequestHash;
            _answer.StatusCode = kept.StatusCode;
            _answer.Body = kept.Body;
            _answer.CompletedAt = clock.WallNow;
        }

        return Decide(requestHash);
    }

    private IdempotencyTicket Decide(string requestHash)
    {
        if (_answer.CompletedAt is { } completed && clock.WallNow - completed < IdempotencyRecords.Retention)
        {
            return _answer.RequestHash == requestHash
                ? new IdempotencyTicket(IdempotencyOutcome.Completed, _answer.StatusCode, _answer.Body)
                : new IdempotencyTicket(IdempotencyOutcome.Mismatch, 0, null);
        }

        if (_running)
        {
            return new IdempotencyTicket(
                _answer.RequestHash == requestHash ? IdempotencyOutcome.InProgress : IdempotencyOutcome.Mismatch, 0, null);
        }

        _running = true;
        _answer.RequestHash = requestHash;
        _answer.CompletedAt = null;
        return new IdempotencyTicket(IdempotencyOutcome.Started, 0, null);
    }

    public Task Complete(int statusCode, string body)
    {
        _running = false;
        _answer.StatusCode = statusCode;
        _answer.Body = body;
        _answer.CompletedAt = clock.WallNow;
        if (!records.CommittedWithBatch)
        {
            records.Keep(this.GetPrimaryKeyString(), new IdempotencyRecord(_answer.RequestHash!, statusCode, body));
        }

        return Task.CompletedTask;
    }

    public Task Abandon()
    {
        _running = false;
        _answer.RequestHash = null;
        return Task.CompletedTask;
    }
}
