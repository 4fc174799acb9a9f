using System.Net;
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
        var observers = new LiveFeedObservers();
        var host = new Host();
        observers.Renew(host, Lifetime, T0);

        Assert.Equal([host], observers.Live(T0 + Lifetime, out var none));
        Assert.Empty(observers.Live(T0 + Lifetime + TimeSpan.FromTicks(1), out var expired));
        Assert.Equal((0, 1), (none, expired));
        // Expired means forgotten: a later look does not bring it back.
        Assert.Empty(observers.Live(T0, out _));
    }

    [Fact]
    public void Renewing_extends_and_does_not_duplicate()
    {
        var observers = new LiveFeedObservers();
        var host = new Host();
        Assert.True(observers.Renew(host, Lifetime, T0));
        Assert.False(observers.Renew(host, Lifetime, T0 + TimeSpan.FromSeconds(60)));

        Assert.Equal([host], observers.Live(T0 + TimeSpan.FromSeconds(150), out _));
    }

    [Fact]
    public void Each_host_expires_on_its_own_and_a_removed_one_is_gone_at_once()
    {
        var observers = new LiveFeedObservers();
        var (early, late, leaving) = (new Host(), new Host(), new Host());
        observers.Renew(early, Lifetime, T0);
        observers.Renew(late, Lifetime, T0 + TimeSpan.FromSeconds(30));
        observers.Renew(leaving, Lifetime, T0 + TimeSpan.FromSeconds(30));
        Assert.True(observers.Remove(leaving));
        Assert.False(observers.Remove(leaving));

        Assert.Equal([late], observers.Live(T0 + TimeSpan.FromSeconds(100), out _));
    }

    private sealed class Host : ILiveFeedObserver
    {
        public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes) => Task.CompletedTask;
    }

    [Fact]
    public void Each_host_keeps_the_lifetime_it_registered_with()
    {
        var observers = new LiveFeedObservers();
        var (brief, patient) = (new Host(), new Host());
        observers.Renew(brief, TimeSpan.FromSeconds(10), T0);
        observers.Renew(patient, TimeSpan.FromMinutes(10), T0);

        Assert.Equal([patient], observers.Live(T0 + TimeSpan.FromSeconds(11), out var expired));
        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_host_on_a_silo_declared_dead_is_dropped_within_its_lifetime_and_one_without_a_silo_only_expires()
    {
        var observers = new LiveFeedObservers();
        var (onDead, onLive, unnamed) = (new Host(), new Host(), new Host());
        var dead = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
        var alive = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);
        observers.Renew(onDead, Lifetime, T0, dead);
        observers.Renew(onLive, Lifetime, T0, alive);
        observers.Renew(unnamed, Lifetime, T0);

        Assert.Equal([onLive, unnamed], observers.Live(T0 + TimeSpan.FromSeconds(1), out var gone, silo => silo.Equals(dead)));
        Assert.Equal(1, gone);
        Assert.Equal(2, observers.Count);
    }

    [Fact]
    public void Renewing_on_another_silo_is_a_change_to_store()
    {
        var observers = new LiveFeedObservers();
        var host = new Host();
        var first = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
        var second = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 2);

        Assert.True(observers.Renew(host, Lifetime, T0, first));
        Assert.False(observers.Renew(host, Lifetime, T0, first));
        Assert.True(observers.Renew(host, Lifetime, T0, second));
    }
}
