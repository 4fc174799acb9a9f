namespace TaobaoLive.Grains.Streaming;

/// <summary>
/// Reports waiting for one parent, merged as they arrive: each child's newest report absorbs the
/// next one when <c>merge</c> allows, so a busy child costs one pending report, not one per change,
/// and what is merged away dies young. Children keep the order of their first report; one child's
/// reports stay in the order they came. Items without a key (status changes) are never merged.
/// Not thread-safe: <see cref="OutboxBuffer{T}"/> locks around it.
/// </summary>
public sealed class Coalescer<T>(Func<T, string?> keyOf, Func<T, T, T?> merge)
    where T : class
{
    private readonly Dictionary<string, int> _newest = new(StringComparer.Ordinal);
    private List<T> _items = [];

    public int Count => _items.Count;

    public void Add(T item)
    {
        var key = keyOf(item);
        if (key is null)
        {
            _items.Add(item);
            return;
        }

        if (_newest.TryGetValue(key, out var at) && merge(_items[at], item) is { } merged)
        {
            _items[at] = merged;
            return;
        }

        _newest[key] = _items.Count;
        _items.Add(item);
    }

    /// <summary>Everything pending, in order; the coalescer starts empty.</summary>
    public List<T> Take()
    {
        var taken = _items;
        _items = [];
        _newest.Clear();
        return taken;
    }

    /// <summary>Puts taken items back in front of what arrived since (a publish failed), merging again.</summary>
    public void PutBack(List<T> taken)
    {
        var since = Take();
        foreach (var item in taken)
        {
            Add(item);
        }

        foreach (var item in since)
        {
            Add(item);
        }
    }
}
