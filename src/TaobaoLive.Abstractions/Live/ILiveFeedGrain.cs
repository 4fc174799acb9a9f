namespace TaobaoLive.Abstractions.Live;

/// <summary>
/// Fans the status stream out to every host that serves dashboards. Hosts register an observer and
/// renew it within <see cref="ObserverLifetime"/>, or it is dropped (a host that died without
/// unsubscribing costs nothing after that). Key: <see cref="Key"/>.
/// </summary>
[Alias("TaobaoLive.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>How long a registration lasts without renewal: four renewal periods of the hosts.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often hosts renew their registration. Also the longest a host stays unregistered after the
    /// feed grain moves to another silo (its registrations are in memory), so it is kept short.
    /// </summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    /// <summary>Registers or renews <paramref name="observer"/>.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ILiveFeedObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILiveFeedObserver observer);

    /// <summary>How many hosts are registered now (for operators and tests).</summary>
    [Alias("GetObserverCount")]
    Task<int> GetObserverCount();
}
