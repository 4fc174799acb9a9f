using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Grains.Live;

namespace TaobaoLive.Grains.Tests.Live;

public sealed class LiveFeedObserversTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    [Fact]
    public void A_registration_lives_exactly_its_lifetime_after_the_last_renewal()
    {
        var observers = new LiveFeedObservers(Lifetime);
        var host = new Host();
        observers.Renew(host, T0);

        Assert.Equal([host], observers.Live(T0 + Lifetime));
        Assert.Empty(observers.Live(T0 + Lifetime + TimeSpan.FromTicks(1)));
        // Expired means forgotten: a later look does not bring it back.
        Assert.Empty(observers.Live(T0));
    }

    [Fact]
    public void Renewing_extends_and_does_not_duplicate()
    {
        var observers = new LiveFeedObservers(Lifetime);
        var host = new Host();
        observers.Renew(host, T0);
        observers.Renew(host, T0 + TimeSpan.FromSeconds(60));

        Assert.Equal([host], observers.Live(T0 + TimeSpan.FromSeconds(150)));
    }

    [Fact]
    public void Each_host_expires_on_its_own_and_a_removed_one_is_gone_at_once()
    {
        var observers = new LiveFeedObservers(Lifetime);
        var (early, late, leaving) = (new Host(), new Host(), new Host());
        observers.Renew(early, T0);
        observers.Renew(late, T0 + TimeSpan.FromSeconds(30));
        observers.Renew(leaving, T0 + TimeSpan.FromSeconds(30));
        observers.Remove(leaving);

        Assert.Equal([late], observers.Live(T0 + TimeSpan.FromSeconds(100)));
    }

    private sealed class Host : ILiveFeedObserver
    {
        public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes) => Task.CompletedTask;
    }
}
