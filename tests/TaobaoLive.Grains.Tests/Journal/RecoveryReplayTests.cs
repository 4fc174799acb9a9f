using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Tests.Infrastructure;
using static TaobaoLive.Grains.Tests.Infrastructure.JournalPipelineFixture;

namespace TaobaoLive.Grains.Tests.Journal;

/// <summary>
/// A shop whose stored state a crash left behind reads the journal before it takes anything,
/// unless the call that activates it is a recovery's replay (<see cref="RecoveryReplay"/>), which
/// brings the shop's parts from a read of its own: a whole-cluster restart otherwise read the whole
/// journal again for every few thousand of the 82,458 shops the recovery activated.
/// </summary>
public sealed class RecoveryReplayTests(JournalPipelineFixture fixture) : IClassFixture<JournalPipelineFixture>
{
    private static readonly string Village = TestGeography.R(1);

    [Fact]
    public async Task A_shop_a_recovery_replay_activates_applies_the_parts_it_brings_without_reading_the_journal()
    {
        const string shopId = "recovery-replay-marked";
        await fixture.StoreCrashedShop(shopId, Village);
        fixture.Journal.Holds(shopId, Part(seq: 1, "in-the-journal", 1_000));

        await RecoveryReplay.Call(() => fixture.Shop(shopId).Replay([Part(seq: 2, "brought-by-the-recovery", 2_500)]));

        Assert.Equal(2_500, (await fixture.Shop(shopId).GetState()).AnnualTurnoverFen);
        Assert.Equal(0, fixture.Journal.ReadsFor(shopId));
    }

    [Fact]
    public async Task A_shop_any_other_call_activates_reads_the_journal_first()
    {
        const string read = "recovery-replay-read";
        const string replayed = "recovery-replay-unmarked";
        await fixture.StoreCrashedShop(read, Village);
        await fixture.StoreCrashedShop(replayed, Village);
        fixture.Journal.Holds(read, Part(seq: 3, "read-at-activation", 1_000));
        fixture.Journal.Holds(replayed, Part(seq: 4, "read-at-activation-too", 1_000));

        Assert.Equal(1_000, (await fixture.Shop(read).GetState()).AnnualTurnoverFen);
        // A replay without the mark (an owed activation's, say) is no exception: it reads, then applies what it brings.
        await fixture.Shop(replayed).Replay([Part(seq: 5, "brought-unmarked", 2_500)]);

        Assert.Equal(3_500, (await fixture.Shop(replayed).GetState()).AnnualTurnoverFen);
        Assert.Equal(1, fixture.Journal.ReadsFor(read));
        Assert.Equal(1, fixture.Journal.ReadsFor(replayed));
    }

    [Fact]
    public async Task The_mark_goes_no_further_than_the_replay_call()
    {
        const string shopId = "recovery-replay-after";
        await fixture.StoreCrashedShop(shopId, Village);
        fixture.Journal.Holds(shopId, Part(seq: 6, "read-after-a-marked-call", 1_000));

        await RecoveryReplay.Call(() => Task.CompletedTask);

        Assert.Equal(1_000, (await fixture.Shop(shopId).GetState()).AnnualTurnoverFen);
        Assert.Equal(1, fixture.Journal.ReadsFor(shopId));
    }
}
