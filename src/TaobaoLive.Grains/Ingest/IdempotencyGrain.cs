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
    private readonly RunningAttempt _running = new();

    public async Task<IdempotencyTicket> Begin(string requestHash, Guid attempt)
    {
        if (_answer.CompletedAt is null && !_running.IsRunning(clock.WallNow) && await records.Find(this.GetPrimaryKeyString()) is { } kept)
        {
            _answer.RequestHash = kept.RequestHash;
            _answer.StatusCode = kept.StatusCode;
            _answer.Body = kept.Body;
            _answer.CompletedAt = clock.WallNow;
        }

        return Decide(requestHash, attempt);
    }

    private IdempotencyTicket Decide(string requestHash, Guid attempt)
    {
        if (_answer.CompletedAt is { } completed && clock.WallNow - completed < IdempotencyRecords.Retention)
        {
            return _answer.RequestHash == requestHash
                ? new IdempotencyTicket(IdempotencyOutcome.Completed, _answer.StatusCode, _answer.Body)
                : new IdempotencyTicket(IdempotencyOutcome.Mismatch, 0, null);
        }

        if (_running.IsRunning(clock.WallNow))
        {
            return new IdempotencyTicket(
                _answer.RequestHash == requestHash ? IdempotencyOutcome.InProgress : IdempotencyOutcome.Mismatch, 0, null);
        }

        _running.Start(attempt, clock.WallNow);
        _answer.RequestHash = requestHash;
        _answer.CompletedAt = null;
        return new IdempotencyTicket(IdempotencyOutcome.Started, 0, null);
    }

    public Task Complete(int statusCode, string body)
    {
        _running.Clear();
        _answer.StatusCode = statusCode;
        _answer.Body = body;
        _answer.CompletedAt = clock.WallNow;
        if (!records.CommittedWithBatch)
        {
            records.Keep(this.GetPrimaryKeyString(), new IdempotencyRecord(_answer.RequestHash!, statusCode, body));
        }

        return Task.CompletedTask;
    }

    public Task Abandon(Guid attempt)
    {
        if (_running.Abandon(attempt))
        {
            _answer.RequestHash = null;
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Which request holds an Idempotency-Key, and since when. Only that request gives the key back
/// (a late Abandon of an earlier attempt must not free the key under a running one). A request that
/// can no longer give it back (its silo died after Begin, or Begin's answer was lost and its
/// Abandon too) holds it for <see cref="Lease"/>: a request is over well within that (its calls time
/// out after 30 s, a journal commit after 5 s), and with the durable store a retry after it first
/// finds a committed answer. Without the lease the key answered "in progress" to every retry for as
/// long as the grain stayed active (a crash-harness run's retries got 409 for two minutes).
/// </summary>
internal sealed class RunningAttempt
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private Guid? _attempt;
    private DateTimeOffset _since;

    public bool IsRunning(DateTimeOffset now) => _attempt is not null && now - _since < Lease;

    public void Start(Guid attempt, DateTimeOffset now) => (_attempt, _since) = (attempt, now);

    public void Clear() => _attempt = null;

    /// <summary>Gives the key back if <paramref name="attempt"/> holds it; true if it did.</summary>
    public bool Abandon(Guid attempt)
    {
        if (_attempt != attempt)
        {
            return false;
        }

        _attempt = null;
        return true;
    }
}
