using Orleans.Streams;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Streaming;

/// <summary>Items waiting for one stream. Thread-safe: grains on any scheduler thread post into it.</summary>
internal abstract class OutboxBuffer
{
    protected OutboxBuffer(StreamId streamId) => StreamId = streamId;

    public StreamId StreamId { get; }

    public abstract int Count { get; }

    /// <summary>
    /// Publishes what is buffered as one batch and answers how many posts it carried (merged posts
    /// count each); on failure puts it back in front, keeping order.
    /// </summary>
    public abstract Task<int> FlushAsync(IStreamProvider provider);
}

internal sealed class OutboxBuffer<T>(StreamId streamId, Coalescer<T> pending) : OutboxBuffer(streamId)
    where T : class
{
    private readonly Lock _gate = new();
    private int _posts;

    public override int Count
    {
        get
        {
            lock (_gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Returns how many items are pending after this one (merged items count once).</summary>
    public int Add(T item)
    {
        lock (_gate)
        {
            pending.Add(item);
            _posts++;
            return pending.Count;
        }
    }

    public override async Task<int> FlushAsync(IStreamProvider provider)
    {
        List<T> taken;
        int posts;
        lock (_gate)
        {
            if (pending.Count == 0)
            {
                return 0;
            }

            taken = pending.Take();
            (posts, _posts) = (_posts, 0);
        }

        try
        {
            await provider.GetStream<UpwardBatch<T>>(StreamId).OnNextAsync(new UpwardBatch<T>(taken));
            return posts;
        }
        catch
        {
            lock (_gate)
            {
                pending.PutBack(taken);
                _posts += posts;
            }

            throw;
        }
    }
}
