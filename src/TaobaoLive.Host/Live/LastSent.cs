namespace TaobaoLive.Host.Live;

/// <summary>
/// Per topic, the value last sent, so a pusher sends a topic only when its value changed. A topic
/// nobody watches any more, or one somebody just joined, is forgotten: sent next time as if never
/// sent.
/// </summary>
public sealed class LastSent<T>(IEqualityComparer<T> comparer)
{
    private readonly Dictionary<string, T> _sent = new(StringComparer.Ordinal);

    /// <summary>Forgets what <paramref name="topics"/> (a <see cref="LiveSubscriptions.TakeSnapshot"/>) says is stale or joined.</summary>
    public void Forget(IReadOnlyList<(string Topic, bool Joined)> topics)
    {
        var watched = topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in _sent.Keys.Where(topic => !watched.Contains(topic)).Concat(topics.Where(t => t.Joined).Select(t => t.Topic)).ToList())
        {
            _sent.Remove(stale);
        }
    }

    /// <summary>True, and remembered, when <paramref name="value"/> differs from what <paramref name="topic"/> was last sent.</summary>
    public bool Changed(string topic, T value)
    {
        if (_sent.TryGetValue(topic, out var last) && comparer.Equals(last, value))
        {
            return false;
        }

        _sent[topic] = value;
        return true;
    }
}
