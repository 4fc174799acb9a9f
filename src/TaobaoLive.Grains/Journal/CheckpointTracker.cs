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
    private readonly ConcurrentDictionary<(GrainId Grain, long Token), int> _owed = new();
    private long _staleRegions;

    /// <summary>
    /// A shop became dirty now, or, for effects of journal entries applied elsewhere first, at
    /// <paramref name="appliedAt"/> (the journal keeps an entry only while it was applied after every
    /// live silo's covered mark, so a replayed entry must hold the mark back to when it was first
    /// applied, not to when it was replayed). Returns the token to pass to <see cref="Written"/>.
    /// </summary>
    public long Dirty(DateTimeOffset? appliedAt = null)
    {
        var now = time.GetUtcNow();
        var second = (appliedAt is { } at && at < now ? at : now).ToUnixTimeSeconds();
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

    /// <summary>
    /// The activation of <paramref name="grain"/> dirty since <paramref name="token"/> cannot write
    /// its state (its write was refused because another activation wrote, or its last write failed
    /// as it deactivated): its effects stay unwritten, so its mark stays until the keeper has
    /// replayed the journal to the shop's live activation (<see cref="Settle"/>).
    /// </summary>
    public void Owe(GrainId grain, long token) => _owed.AddOrUpdate((grain, token), 1, static (_, n) => n + 1);

    /// <summary>Activations whose effects the journal must bring to their shop again.</summary>
    public IReadOnlyList<(GrainId Grain, long Token, int Count)> Owed => [.. _owed.Select(o => (o.Key.Grain, o.Key.Token, o.Value))];

    /// <summary>
    /// The shop's live activation holds what the journal held for it when <see cref="Owed"/> was
    /// read: the <paramref name="count"/> marks then owed are released (any owed since stay).
    /// </summary>
    public void Settle(GrainId grain, long token, int count)
    {
        var key = (grain, token);
        while (_owed.TryGetValue(key, out var owed))
        {
            var done = owed <= count ? _owed.TryRemove(new KeyValuePair<(GrainId, long), int>(key, owed)) : _owed.TryUpdate(key, owed - count, owed);
            if (done)
            {
                for (var i = 0; i < Math.Min(owed, count); i++)
                {
                    Written(token);
                }

                return;
            }
        }
    }

    /// <summary>
    /// A region's activation (a village or above) had its write refused because another activation
    /// wrote the state: the children's reports it took are in neither the stored state nor the live
    /// activation, which hears of them only when the same child reports again. No journal holds
    /// reports; the keeper has the regions rebuild from their children once the cluster is quiet.
    /// </summary>
    public void RegionStale() => Interlocked.Increment(ref _staleRegions);

    /// <summary>Region activations of this silo whose write was refused, since start.</summary>
    public long StaleRegions => Interlocked.Read(ref _staleRegions);

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
