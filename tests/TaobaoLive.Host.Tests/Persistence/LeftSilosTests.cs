using System.Net;
using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Tests.Persistence;

/// <summary>Which silos with a checkpoint mark the journal keeper recovers as left.</summary>
public sealed class LeftSilosTests
{
    private static readonly TimeSpan SilentFor = TimeSpan.FromSeconds(20);

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    private static ClusterMember Member(SiloAddress silo, SiloStatus status) => new(silo, status, silo.ToString());

    private static (string, TimeSpan) Mark(SiloAddress silo, int secondsSilent) => (silo.ToParsableString(), TimeSpan.FromSeconds(secondsSilent));

    [Fact]
    public void A_silo_declared_dead_but_still_reporting_is_not_left_until_it_falls_silent()
    {
        var dead = Silo(11401, 100);
        var members = new[] { Member(dead, SiloStatus.Dead), Member(Silo(11400, 100), SiloStatus.Active) };

        Assert.Empty(JournalKeeper.Left([Mark(dead, 5)], members, SilentFor));
        Assert.Equal([dead.ToParsableString()], JournalKeeper.Left([Mark(dead, 21)], members, SilentFor));
    }

    [Fact]
    public void A_live_silo_is_never_left_however_long_it_is_silent()
    {
        var stalled = Silo(11401, 100);
        var members = new[] { Member(stalled, SiloStatus.Active), Member(Silo(11400, 100), SiloStatus.Active) };

        Assert.Empty(JournalKeeper.Left([Mark(stalled, 300)], members, SilentFor));
    }

    [Fact]
    public void A_silo_no_longer_listed_is_left_once_silent()
    {
        var gone = Silo(11402, 100);
        var members = new[] { Member(Silo(11400, 100), SiloStatus.Active) };

        Assert.Empty(JournalKeeper.Left([Mark(gone, 3)], members, SilentFor));
        Assert.Equal([gone.ToParsableString()], JournalKeeper.Left([Mark(gone, 30)], members, SilentFor));
    }

    [Fact]
    public void A_mark_that_is_not_a_silo_address_is_left_only_by_silence()
    {
        var members = new[] { Member(Silo(11400, 100), SiloStatus.Active) };

        Assert.Empty(JournalKeeper.Left([("not-a-silo", TimeSpan.FromSeconds(2))], members, SilentFor));
        Assert.Equal(["not-a-silo"], JournalKeeper.Left([("not-a-silo", TimeSpan.FromSeconds(25))], members, SilentFor));
    }

    [Fact]
    public void A_due_recovery_waits_for_silos_that_fell_silent_with_it_but_not_for_long()
    {
        var first = Silo(11402, 100).ToParsableString();
        var second = Silo(11400, 100).ToParsableString();
        var leaving = new[] { first, second };

        // The second went silent half a second after the first: the recovery waits for it.
        Assert.True(JournalKeeper.GatherLeaving([(first, TimeSpan.FromSeconds(20.2)), (second, TimeSpan.FromSeconds(19.7))], [first], leaving));

        // One still reporting (declared dead, not silent) holds the first for at most GatherFor.
        var late = JournalKeeper.SilentFor + JournalKeeper.GatherFor;
        Assert.False(JournalKeeper.GatherLeaving([(first, late), (second, TimeSpan.FromSeconds(1))], [first], leaving));

        // Nothing else leaving: no wait.
        Assert.False(JournalKeeper.GatherLeaving([(first, TimeSpan.FromSeconds(20.2))], [first], [first]));

        // Both due: recovered together at once.
        Assert.False(JournalKeeper.GatherLeaving([(first, TimeSpan.FromSeconds(22)), (second, TimeSpan.FromSeconds(21))], [first, second], leaving));
    }
}
