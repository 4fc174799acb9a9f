using System.Diagnostics;
using System.Diagnostics.Metrics;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Grains.Diagnostics;

/// <summary>
/// The <c>TaobaoLive</c> meter: what an operator watches on Double-11 beside Orleans' own meter.
/// One instance per silo (a singleton); every instrument is recorded where the thing happens, at
/// most once per request, flush, status change, rebuild or push, never once per order.
/// Prometheus names: dots become underscores, counters end in <c>_total</c>, seconds in <c>_seconds</c>.
/// </summary>
public sealed class TaobaoLiveMetrics
{
    public const string MeterName = "TaobaoLive";

    private readonly Counter<long> _ordersAccepted;
    private readonly Counter<long> _ordersRejected;
    private readonly Counter<long> _ordersDuplicate;
    private readonly Counter<long> _batches;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _statusChanges;
    private readonly Counter<long> _rebuilds;
    private readonly Histogram<double> _pushDuration;

    public TaobaoLiveMetrics(IMeterFactory meterFactory, OrderMeter? applied = null)
    {
        Meter = meterFactory.Create(MeterName);
        if (applied is not null)
        {
            // Whichever way orders came in (HTTP, the embedded simulator, a grain client).
            Meter.CreateObservableCounter(
                "taobaolive.orders.applied", () => applied.Applied, "{order}", "Orders and refunds applied by this silo's shop grains since it started, whichever way they came in.");
        }

        _ordersAccepted = Meter.CreateCounter<long>(
            "taobaolive.orders.accepted", "{order}", "Orders in batches the API accepted (an idempotent replay is not counted again).");
        _ordersRejected = Meter.CreateCounter<long>(
            "taobaolive.orders.rejected", "{order}", "Order records at fault in batches the API refused (all or nothing: the batch's other records are refused with them), by reason: the field at fault (amount, paidAt, shopId, orderId, type) or malformed.");
        _ordersDuplicate = Meter.CreateCounter<long>(
            "taobaolive.orders.duplicates", "{order}", "Records of accepted batches left out because their producer had already delivered them (Producer-Id and seq).");
        _batches = Meter.CreateCounter<long>(
            "taobaolive.ingest.batches", "{batch}", "Order batches answered, by HTTP status.");
        _batchDuration = Meter.CreateHistogram<double>(
            "taobaolive.ingest.batch.duration", "s", "Time from an order batch's arrival to its answer, by HTTP status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _flushDuration = Meter.CreateHistogram<double>(
            "taobaolive.outbox.flush.duration", "s", "One flush of the upward outbox: every buffered report published to its parent's stream.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _publishFailures = Meter.CreateCounter<long>(
            "taobaolive.outbox.publish.failures", "{publish}", "Upward publishes that failed and were kept for the next flush (back-pressure from the stream queues).");
        _statusChanges = Meter.CreateCounter<long>(
            "taobaolive.status.changes", "{change}", "Status changes (a village or town qualifying or lapsing; clusters forming, growing, merging, splitting, dissolving), by subject and kind.");
        _rebuilds = Meter.CreateCounter<long>(
            "taobaolive.rebuilds", "{rebuild}", "Parents rebuilt from their children's own figures after a sign of a crash, by grain type.");
        _pushDuration = Meter.CreateHistogram<double>(
            "taobaolive.live.push.duration", "s", "From a status change reaching this host to its push to the dashboards' hub.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public Meter Meter { get; }

    public void OrdersAccepted(int count) => _ordersAccepted.Add(count);

    public void OrdersDuplicate(int count) => _ordersDuplicate.Add(count);

    public void OrdersRejected(int count, string reason) => _ordersRejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void BatchAnswered(int statusCode, TimeSpan duration)
    {
        var status = new KeyValuePair<string, object?>("http.response.status_code", statusCode);
        _batches.Add(1, status);
        _batchDuration.Record(duration.TotalSeconds, status);
    }

    public void OutboxFlushed(TimeSpan duration) => _flushDuration.Record(duration.TotalSeconds);

    public void OutboxPublishFailed() => _publishFailures.Add(1);

    public void StatusChanged(string subject, string kind) =>
        _statusChanges.Add(1, new KeyValuePair<string, object?>("subject", subject), new KeyValuePair<string, object?>("kind", kind));

    public void Rebuilt(string grainType) => _rebuilds.Add(1, new KeyValuePair<string, object?>("grain", grainType));

    public void Pushed(TimeSpan duration) => _pushDuration.Record(duration.TotalSeconds);

    /// <summary>A gauge read at collection time (for example the outbox backlog, owned by the outbox).</summary>
    public void ObserveGauge(string name, string unit, string description, Func<long> read) =>
        Meter.CreateObservableGauge(name, read, unit, description);

    /// <summary>Seconds since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static TimeSpan Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);
}
