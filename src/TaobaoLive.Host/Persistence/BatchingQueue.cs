using System.Threading.Channels;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// Many callers' requests, one database round trip: requests queue up while the previous round trip
/// runs, and each of a few lanes takes everything waiting (up to a
/// maximum) into one statement. The number of connections in use is bounded by
/// the lanes, never by the callers.
/// </summary>
public sealed class BatchingQueue<TRequest>
{
    private readonly Channel<TRequest> _queue = Channel.CreateUnbounded<TRequest>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Func<List<TRequest>, Task> _execute;
    private readonly int _maxBatch;
    private readonly Task[] _lanes;

    public BatchingQueue(Func<List<TRequest>, Task> execute, int lanes, int maxBatch)
    {
        _execute = execute;
        _maxBatch = maxBatch;
        _lanes = Enumerable.Range(0, lanes).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public long Waiting => _queue.Reader.Count;

    public void Enqueue(TRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            throw new InvalidOperationException("the batching queue is closed");
        }
    }

    /// <summary>Takes no more requests and waits for those queued.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_lanes);
    }

    private async Task RunAsync()
    {
        var batch = new List<TRequest>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            // The execute delegate completes every request itself, failures included.
            await _execute(batch);
            batch = new List<TRequest>(_maxBatch);
        }
    }
}
