using TaobaoLive.Abstractions.Live;

namespace TaobaoLive.Grains.Live;

/// <summary>
/// Registered hosts, each with its lifetime, the time it last renewed and, when it named one, the
/// silo it runs on. One that has not renewed within its lifetime is gone, and so is one whose silo
/// the cluster declared dead.
/// </summary>
public sealed class LiveFeedObservers
{
    private readonly Dictionary<ILiveFeedObserver, (TimeSpan Lifetime, DateTimeOffset Renewed, SiloAddress? Silo)> _hosts = [];

    public int Count => _hosts.Count;

    /// <summary>Registers or renews; true when the observer was not registered before or now names another silo.</summary>
    public bool Renew(ILiveFeedObserver observer, TimeSpan lifetime, DateTimeOffset now, SiloAddress? silo = null)
    {
        var changed = !_hosts.TryGetValue(observer, out var before) || !Equals(before.Silo, silo);
        _hosts[observer] = (lifetime, now, silo);
        return changed;
    }

    public bool Remove(ILiveFeedObserver observer) => _hosts.Remove(observer);

    /// <summary>
    /// The observers still within their lifetime at <paramref name="now"/> and not on a silo
    /// <paramref name="siloIsDead"/> names; the others are forgotten and counted in <paramref name="gone"/>.
    /// </summary>
    public IReadOnlyList<ILiveFeedObserver> Live(DateTimeOffset now, out int gone, Func<SiloAddress, bool>? siloIsDead = null)
    {
        List<ILiveFeedObserver>? dropped = null;
        var live = new List<ILiveFeedObserver>(_hosts.Count);
        foreach (var (observer, (lifetime, renewed, silo)) in _hosts)
        {
            if (now - renewed > lifetime || (silo is not null && siloIsDead?.Invoke(silo) == true))
            {
                (dropped ??= []).Add(observer);
            }
            else
            {
                live.Add(observer);
            }
        }

        foreach (var observer in dropped ?? [])
        {
            _hosts.Remove(observer);
        }

        gone = dropped?.Count ?? 0;
        return live;
    }

    /// <summary>What to store: each observer's id with its lifetime, and with its silo when it named one.</summary>
    public LiveFeedState ToState() => new()
    {
        Hosts = _hosts.ToDictionary(h => Id(h.Key), h => h.Value.Lifetime, StringComparer.Ordinal),
        Silos = _hosts.Where(h => h.Value.Silo is not null).ToDictionary(h => Id(h.Key), h => h.Value.Silo!, StringComparer.Ordinal),
    };

    private static string Id(ILiveFeedObserver observer) => observer.GetGrainId().ToString();
}
