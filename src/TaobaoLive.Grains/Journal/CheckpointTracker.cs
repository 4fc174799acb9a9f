using System.Collections.Concurrent;

namespace TaobaoLive.Grains.Journal;

/// <summary>
/// How far this silo's durable state is behind what its shops applied: every shop that holds an
/// effect not yet written is counted under the second it became dirty. <see cref="CoveredBefore"/>
/// is the oldest such second (or now when every shop is written): every journal entry whose effects
/// were all applied before it is in this silo's stored state. The journal keeper truncates entries
/// that every live silo covers.
/// </summary>
public sealed class CheckpointTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, int> _dirtyBySecond = new();

    /// <summary>A shop became dirty now; returns the token to pass to <see cref="Written"/>.</summary>
    public long Dirty()
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        _dirtyBySecond.AddOrUpdate(second, 1, static (_, n) => n + 1);
        return second;
    }

    /// <summary>The shop that became dirty at <paramref name="token"/> has written its state.</summary>
    public void Written(long token)
    {
        while (true)
        {
            if (!_dirtyBySecond.TryGetValue(token, out var count))
            {
                return;
            }

            if (count <= 1 ? _dirtyBySecond.TryRemove(new KeyValuePair<long, int>(token, count)) : _dirtyBySecond.TryUpdate(token, count - 1, count))
            {
                return;
            }
        }
    }

    /// <summary>Shops with an effect not yet written.</summary>
    public long DirtyCount => _dirtyBySecond.Values.Sum(v => (long)v);

    public DateTimeOffset CoveredBefore
    {
        get
        {
            var now = time.GetUtcNow();
            var oldest = long.MaxValue;
            foreach (var second in _dirtyBySecond.Keys)
            {
                oldest = Math.Min(oldest, second);
            }

            return oldest == long.MaxValue ? now : DateTimeOffset.FromUnixTimeSeconds(oldest);
        }
    }
}
