using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Tests.Persistence;

/// <summary>When the journal keeper has the regions rebuild from their children once the cluster is quiet.</summary>
public sealed class SettledRebuildTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_membership_change_makes_the_rebuild_due_once_the_cluster_has_been_quiet()
    {
        var settled = new SettledRebuild(Quiet, _time);
        settled.Observe(7);
        _time.Advance(Quiet);
        settled.Rebuilt(_time.GetUtcNow());
        Assert.False(settled.Due);

        settled.Observe(8);
        _time.Advance(Quiet - TimeSpan.FromSeconds(1));
        settled.Observe(8);
        Assert.False(settled.Due);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(settled.Due);
    }

    [Fact]
    public void Each_change_pushes_the_rebuild_out_so_a_rolling_restart_rebuilds_after_its_last_step()
    {
        var settled = new SettledRebuild(Quiet, _time);
        settled.Observe(1);
        for (var version = 2; version <= 6; version++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            settled.Observe(version);
            Assert.False(settled.Due);
        }

        _time.Advance(Quiet);
        Assert.True(settled.Due);
    }

    [Fact]
    public void A_rebuild_clears_what_was_due_when_it_began_but_not_a_sign_that_came_during_it()
    {
        var settled = new SettledRebuild(Quiet, _time);
        settled.Observe(1);
        _time.Advance(Quiet);
        var began = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(3));
        settled.Disturbed();
        settled.Rebuilt(began);
        Assert.False(settled.Due);
        _time.Advance(Quiet);
        Assert.True(settled.Due);

        settled.Rebuilt(_time.GetUtcNow());
        Assert.False(settled.Due);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(settled.Due);
    }

    [Fact]
    public void A_recovery_rebuild_that_began_before_the_quiet_time_ended_leaves_the_settled_one_due()
    {
        var settled = new SettledRebuild(Quiet, _time);
        settled.Observe(3);
        _time.Advance(TimeSpan.FromSeconds(5));
        settled.Rebuilt(_time.GetUtcNow());
        _time.Advance(Quiet);
        Assert.True(settled.Due);
    }

    [Fact]
    public void An_activation_owing_its_effects_makes_the_rebuild_due_without_a_membership_change()
    {
        var settled = new SettledRebuild(Quiet, _time);
        Assert.False(settled.Due);
        settled.Disturbed();
        _time.Advance(Quiet);
        Assert.True(settled.Due);
    }

    [Fact]
    public void A_silo_that_stops_watching_the_membership_forgets_what_its_changes_made_due_but_not_its_own_signs()
    {
        var settled = new SettledRebuild(Quiet, _time);
        settled.Observe(1);
        settled.StopWatchingMembership();
        _time.Advance(Quiet);
        Assert.False(settled.Due);

        settled.Observe(2);
        settled.Disturbed();
        settled.StopWatchingMembership();
        _time.Advance(Quiet);
        Assert.True(settled.Due);
        settled.Rebuilt(_time.GetUtcNow());
        Assert.False(settled.Due);

        // Watching again (it is the lowest active silo once more): the version it sees is a change.
        settled.Observe(2);
        _time.Advance(Quiet);
        Assert.True(settled.Due);
    }
}
