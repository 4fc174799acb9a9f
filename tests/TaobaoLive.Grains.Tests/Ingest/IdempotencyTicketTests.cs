using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Grains.Ingest;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Ingest;

/// <summary>
/// Who holds an Idempotency-Key while its request runs. A crash-harness run once left a key held
/// for good: the ticket started an attempt, its answer was lost with a silo's connection, and every
/// retry of the batch heard "in progress" (409) for two minutes.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class IdempotencyTicketTests(PipelineFixture pipeline)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Only_the_attempt_that_holds_the_key_gives_it_back()
    {
        var ticket = pipeline.Grains.GetGrain<IIdempotencyGrain>($"orders:open:ticket-{Guid.NewGuid():N}");
        var first = Guid.NewGuid();
        Assert.Equal(IdempotencyOutcome.Started, (await ticket.Begin("h1", first)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await ticket.Begin("h1", Guid.NewGuid())).Outcome);

        // A late give-back of an attempt that never held the key leaves the running one alone.
        await ticket.Abandon(Guid.NewGuid());
        Assert.Equal(IdempotencyOutcome.InProgress, (await ticket.Begin("h1", Guid.NewGuid())).Outcome);

        // The holder gives it back (its Begin's answer was lost): the retry runs.
        await ticket.Abandon(first);
        Assert.Equal(IdempotencyOutcome.Started, (await ticket.Begin("h1", Guid.NewGuid())).Outcome);
    }

    [Fact]
    public void A_key_whose_attempt_never_gives_it_back_is_free_once_the_lease_has_run_out()
    {
        var running = new RunningAttempt();
        running.Start(Guid.NewGuid(), Now);
        Assert.True(running.IsRunning(Now + RunningAttempt.Lease - TimeSpan.FromSeconds(1)));
        Assert.False(running.IsRunning(Now + RunningAttempt.Lease));
    }

    [Fact]
    public void A_completed_or_abandoned_attempt_no_longer_holds_the_key()
    {
        var running = new RunningAttempt();
        var attempt = Guid.NewGuid();
        running.Start(attempt, Now);
        Assert.False(running.Abandon(Guid.NewGuid()));
        Assert.True(running.IsRunning(Now));
        Assert.True(running.Abandon(attempt));
        Assert.False(running.IsRunning(Now));

        running.Start(attempt, Now);
        running.Clear();
        Assert.False(running.IsRunning(Now));
    }
}
