namespace TaobaoLive.Abstractions.Live;

/// <summary>
/// Fans the status stream out to every host that serves dashboards. Hosts register an observer for a
/// lifetime and renew it within that lifetime, or it is dropped; one that names its silo is dropped
/// as soon as the cluster declares that silo dead (a host that died without unsubscribing costs
/// nothing after that). The registrations are stored, so the grain keeps
/// delivering to every host when it moves to another silo. Key: <see cref="Key"/>.
/// </summary>
[Alias("TaobaoLive.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Registers or renews <paramref name="observer"/> until <paramref name="lifetime"/> passes without renewal.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ILiveFeedObserver observer, TimeSpan lifetime);

    /// <summary>
    /// Registers or renews <paramref name="observer"/>, which runs on the silo <paramref name="host"/>:
    /// dropped as soon as the cluster's membership declares that silo dead, else when
    /// <paramref name="lifetime"/> passes without renewal.
    /// </summary>
    [Alias("SubscribeOnSilo")]
    Task Subscribe(ILiveFeedObserver observer, SiloAddress host, TimeSpan lifetime);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILiveFeedObserver observer);

    /// <summary>How many hosts are registered now (for operators and tests).</summary>
    [Alias("GetObserverCount")]
    Task<int> GetObserverCount();
}
