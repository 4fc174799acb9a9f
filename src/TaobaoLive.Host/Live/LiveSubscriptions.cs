namespace TaobaoLive.Host.Live;

/// <summary>
/// Which connections of this host follow which topics, so the bridge reads only regions someone
/// watches. A topic someone joined since the last <see cref="TakeSnapshot"/> is marked, so the
/// newcomer gets the current numbers on the next push even when they did not change.
/// </summary>
public sealed class LiveSubscriptions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byTopic = new(StringComparer.Ordinal);
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);

    /// <summary>False when the connection already followed the topic.</summary>
    public bool Add(string connectionId, string topic)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var topics))
            {
                _byConnection[connectionId] = topics = new HashSet<string>(StringComparer.Ordinal);
            }

            if (!topics.Add(topic))
            {
                return false;
            }

            _counts[topic] = _counts.GetValueOrDefault(topic) + 1;
            if (!_byTopic.TryGetValue(topic, out var followers))
            {
                _byTopic[topic] = followers = new HashSet<string>(StringComparer.Ordinal);
            }

            followers.Add(connectionId);
            _joined.Add(topic);
            return true;
        }
    }

    /// <summary>False when the connection did not follow the topic.</summary>
    public bool Remove(string connectionId, string topic)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var topics) || !topics.Remove(topic))
            {
                return false;
            }

            if (topics.Count == 0)
            {
                _byConnection.Remove(connectionId);
            }

            Decrement(topic, connectionId);
            return true;
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (_byConnection.Remove(connectionId, out var topics))
            {
                foreach (var topic in topics)
                {
                    Decrement(topic, connectionId);
                }
            }
        }
    }

    public int Subscribers(string topic)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(topic);
        }
    }

    public IReadOnlyList<string> TopicsOf(string connectionId)
    {
        lock (_lock)
        {
            return _byConnection.TryGetValue(connectionId, out var topics) ? topics.ToList() : [];
        }
    }

    /// <summary>Every topic with a subscriber, and whether someone joined it since the last call.</summary>
    public IReadOnlyList<(string Topic, bool Joined)> TakeSnapshot()
    {
        lock (_lock)
        {
            var snapshot = _counts.Keys.Select(topic => (topic, _joined.Contains(topic))).ToList();
            _joined.Clear();
            return snapshot;
        }
    }

    /// <summary>The connections following <paramref name="topic"/>, a copy.</summary>
    public string[] ConnectionsOf(string topic)
    {
        lock (_lock)
        {
            return _byTopic.TryGetValue(topic, out var followers) ? [.. followers] : [];
        }
    }

    /// <summary>How many topics the connection follows.</summary>
    public int CountOf(string connectionId)
    {
        lock (_lock)
        {
            return _byConnection.TryGetValue(connectionId, out var topics) ? topics.Count : 0;
        }
    }

    private void Decrement(string topic, string connectionId)
    {
        if (_byTopic.TryGetValue(topic, out var followers) && followers.Remove(connectionId) && followers.Count == 0)
        {
            _byTopic.Remove(topic);
        }

        var count = _counts[topic] - 1;
        if (count == 0)
        {
            _counts.Remove(topic);
            _joined.Remove(topic);
        }
        else
        {
            _counts[topic] = count;
        }
    }
}
