using TaobaoLive.Abstractions.Live;

namespace TaobaoLive.Grains.Live;

/// <summary>
/// Registered hosts, each with its lifetime and the time it last renewed; one that has not renewed
/// within its lifetime is gone.
/// </summary>
public sealed class LiveFeedObservers
{
    private readonly Dictionary<ILiveFeedObserver, (TimeSpan Lifetime, DateTimeOffset Renewed)> _hosts = [];

    public int Count => _hosts.Count;

    /// <summary>Registers or renews; true when the observer was not registered before.</summary>
    public bool Renew(ILiveFeedObserver observer, TimeSpan lifetime, DateTimeOffset now)
    {
        var isNew = !_hosts.ContainsKey(observer);
        _hosts[observer] = (lifetime, now);
        return isNew;
    }

    public bool Remove(ILiveFeedObserver observer) => _hosts.Remove(observer);

    /// <summary>The observers still within their lifetime at <paramref name="now"/>; expired ones are forgotten and counted in <paramref name="expired"/>.</summary>
    public IReadOnlyList<ILiveFeedObserver> Live(DateTimeOffset now, out int expired)
    {
        List<ILiveFeedObserver>? gone = null;
        var live = new List<ILiveFeedObserver>(_hosts.Count);
        foreach (var (observer, (lifetime, renewed)) in _hosts)
        {
            if (now - renewed > lifetime)
            {
                (gone ??= []).Add(observer);
            }
            else
            {
                live.Add(observer);
            }
        }

        foreach (var observer in gone ?? [])
        {
            _hosts.Remove(observer);
        }

        expired = gone?.Count ?? 0;
        return live;
    }

    /// <summary>What to store: each observer's id and lifetime.</summary>
    public Dictionary<string, TimeSpan> ToState() =>
        _hosts.ToDictionary(h => h.Key.GetGrainId().ToString(), h => h.Value.Lifetime, StringComparer.Ordinal);
}
