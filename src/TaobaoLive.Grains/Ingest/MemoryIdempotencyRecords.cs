using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Ingest;

/// <summary>
/// The embedded host's answers to keyed requests: in this process (the embedded host is one silo
/// and a restart loses its numbers anyway), each dropped once it is older than the retention, so
/// memory holds a day of keys, not every key ever used. Expired answers leave in the order they
/// came (a queue), checked on every use: no timer, no scan.
/// </summary>
public sealed class MemoryIdempotencyRecords([FromKeyedServices(TaobaoLiveServiceKeys.Time)] TimeProvider time) : IIdempotencyRecords
{
    private readonly ConcurrentDictionary<string, (IdempotencyRecord Record, DateTimeOffset KeptAt)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, DateTimeOffset KeptAt)> _arrivals = new();

    public bool CommittedWithBatch => false;

    /// <summary>Answers kept now.</summary>
    public int Count => _answers.Count;

    public Task<IdempotencyRecord?> Find(string key)
    {
        Expire();
        return Task.FromResult(_answers.TryGetValue(key, out var kept) ? kept.Record : null);
    }

    public void Keep(string key, IdempotencyRecord record)
    {
        var now = time.GetUtcNow();
        _answers[key] = (record, now);
        _arrivals.Enqueue((key, now));
        Expire();
    }

    private void Expire()
    {
        var oldest = time.GetUtcNow() - IdempotencyRecords.Retention;
        while (_arrivals.TryPeek(out var head) && head.KeptAt <= oldest && _arrivals.TryDequeue(out var gone))
        {
            // Only the answer kept at that moment: a key kept again later stays.
            if (_answers.TryGetValue(gone.Key, out var kept) && kept.KeptAt == gone.KeptAt)
            {
                _answers.TryRemove(new KeyValuePair<string, (IdempotencyRecord, DateTimeOffset)>(gone.Key, kept));
            }
        }
    }
}
