using Orleans.Streams;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Streaming;

/// <summary>Items waiting for one stream. Thread-safe: grains on any scheduler thread post into it.</summary>
internal abstract class OutboxBuffer
{
    protected OutboxBuffer(StreamId streamId) => StreamId = streamId;

    public StreamId StreamId { get; }

    public abstract int Count { get; }

    /// <summary>Publishes what is buffered as one batch; on failure puts it back in front, keeping order.</summary>
    public abstract Task<int> FlushAsync(IStreamProvider provider);
}

internal sealed class OutboxBuffer<T>(StreamId streamId, Func<IReadOnlyList<T>, IReadOnlyList<T>> coalesce) : OutboxBuffer(streamId)
{
    private readonly Lock _gate = new();
    private List<T> _items = [];

    public override int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public int Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            return _items.Count;
        }
    }

    public override async Task<int> FlushAsync(IStreamProvider provider)
    {
        List<T> taken;
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                return 0;
            }

            taken = _items;
            _items = [];
        }

        var batch = coalesce(taken);
        try
        {
            await provider.GetStream<UpwardBatch<T>>(StreamId).OnNextAsync(new UpwardBatch<T>(batch));
            return taken.Count;
        }
        catch
        {
            lock (_gate)
            {
                taken.AddRange(_items);
                _items = taken;
            }

            throw;
        }
    }
}
