using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Streaming;

/// <summary>
/// The silo's coalescing outbox for everything that flows upward. Grains post reports keyed by the
/// parent's stream; every <see cref="TaobaoLiveOptions.FlushInterval"/> (or when one parent's buffer
/// reaches <see cref="TaobaoLiveOptions.MaxBatchItems"/>) each buffer is merged per child and published
/// as one <see cref="UpwardBatch{T}"/>. Stream traffic therefore grows with the number of parents and
/// the flush rate, not with the order rate (memory streams carry about 1M events/s batched, but only
/// 60-90k/s one by one). Buffers of one stream are published one batch at a time, in order.
/// </summary>
public sealed partial class UpwardOutbox : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IClusterClient _client;
    private readonly TaobaoLiveOptions _options;
    private readonly ILogger<UpwardOutbox> _logger;
    private readonly TaobaoLiveMetrics? _metrics;
    // Keyed by stream namespace and key, not StreamId: a StreamId encodes its key into a new byte
    // array, which every post (one per shop call) would pay for just to find its buffer.
    private readonly ConcurrentDictionary<(string Namespace, string Key), OutboxBuffer> _buffers = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private IStreamProvider? _provider;
    private long _pending;
    private long _publishFailures;

    public UpwardOutbox(IClusterClient client, IOptions<TaobaoLiveOptions> options, ILogger<UpwardOutbox> logger, TaobaoLiveMetrics? metrics = null)
    {
        _client = client;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        metrics?.ObserveGauge("taobaolive.outbox.backlog", "{report}", "Upward reports posted on this silo and not yet published (ingest answers 503 beyond TaobaoLive:MaxOutboxBacklog).", () => Pending);
    }

    /// <summary>Items posted and not yet published.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Failed publishes so far (each retried on the next flush).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>
    /// A village's inbox for a shop to keep: posting through it skips finding the buffer by stream
    /// (hashing two strings on a shared table), once per shop call.
    /// </summary>
    internal UpwardInbox<ShopTurnover> VillageInbox(string villageId) =>
        new(this, Buffer<ShopTurnover>(StreamNames.VillageInbox, villageId, static r => r.ShopId, UpwardCoalescing.Merge));

    public void PostVillageTurnover(string townId, RegionTurnover report) =>
        Post(StreamNames.TownInbox, townId, report, static r => r.ChildId, UpwardCoalescing.Merge);

    public void PostRegionTurnover(string parentId, RegionTurnover report) =>
        Post(StreamNames.RegionInbox, parentId, report, static r => r.ChildId, UpwardCoalescing.Merge);

    public void PostStanding(string provinceId, VillageStanding standing) =>
        Post(StreamNames.ClusterInbox, provinceId, standing, static s => s.VillageId, UpwardCoalescing.Merge);

    public void PostRanking(string level, RankingEntry entry) =>
        Post(StreamNames.Rankings, level, entry, static e => e.RegionId, UpwardCoalescing.Merge);

    /// <summary>
    /// Status changes are rare and a dashboard waits for them: they wake the flush loop instead of
    /// waiting for its timer (one early flush at a time, however many changes arrive together).
    /// Each one is delivered: none is merged into another.
    /// </summary>
    public void PostStatusChange(StatusChanged change)
    {
        Post(StreamNames.StatusChanges, StreamNames.StatusChangesKey, change, static _ => null, static (_, _) => null);
        _metrics?.StatusChanged(change.Subject.ToString(), change.Kind.ToString());
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private void Post<T>(string streamNamespace, string streamKey, T item, Func<T, string?> keyOf, Func<T, T, T?> merge)
        where T : class =>
        Post(Buffer(streamNamespace, streamKey, keyOf, merge), item);

    private OutboxBuffer<T> Buffer<T>(string streamNamespace, string streamKey, Func<T, string?> keyOf, Func<T, T, T?> merge)
        where T : class =>
        (OutboxBuffer<T>)_buffers.GetOrAdd(
            (streamNamespace, streamKey),
            static (stream, coalesce) => new OutboxBuffer<T>(StreamId.Create(stream.Namespace, stream.Key), new Coalescer<T>(coalesce.keyOf, coalesce.merge)),
            (keyOf, merge));

    /// <summary>Buffers live as long as the outbox, so a kept <see cref="UpwardInbox{T}"/> stays valid.</summary>
    internal void Post<T>(OutboxBuffer<T> buffer, T item)
        where T : class
    {
        Interlocked.Increment(ref _pending);
        if (buffer.Add(item) >= _options.MaxBatchItems)
        {
            _wake.Release();
        }
    }

    /// <summary>Publishes everything buffered now. Used on shutdown and by tests that must not wait for the timer.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            _provider ??= _client.GetStreamProvider(StreamNames.Provider);
            var dirty = _buffers.Values.Where(b => b.Count > 0).ToList();
            if (dirty.Count == 0)
            {
                return;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(dirty.Select(b => PublishAsync(b, _provider)));
            _metrics?.OutboxFlushed(TaobaoLiveMetrics.Since(started));
            if (results.Any(ok => !ok))
            {
                LogPublishFailed(_logger, results.Count(ok => !ok));
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<bool> PublishAsync(OutboxBuffer buffer, IStreamProvider provider)
    {
        try
        {
            var published = await buffer.FlushAsync(provider);
            Interlocked.Add(ref _pending, -published);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in the buffer and retried on the next flush: the memory stream refuses publishes
            // once a queue holds 16,384 events, which is back-pressure, not loss.
            Interlocked.Increment(ref _publishFailures);
            _metrics?.OutboxPublishFailed();
            LogPublishError(_logger, buffer.StreamId.ToString(), exception.Message);
            return false;
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UpwardOutbox), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        await FlushAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_options.FlushInterval, stopping);
                await FlushAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogLoopError(_logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Count} stream(s) could not be published; kept for the next flush")]
    private static partial void LogPublishFailed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox: publishing to {StreamId} failed: {Reason}")]
    private static partial void LogPublishError(ILogger logger, string streamId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox flush loop failed; continuing")]
    private static partial void LogLoopError(ILogger logger, Exception exception);
}
