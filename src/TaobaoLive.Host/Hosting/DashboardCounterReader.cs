using System.Diagnostics.Metrics;
using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace TaobaoLive.Host.Hosting;

/// <summary>
/// Reads the Orleans instruments into the dashboard's counters once a second, as the dashboard's own
/// reader does, but without the gauges in <see cref="Skipped"/>. Each of those visits every activation
/// (taking its lock) or every directory cache entry on every read: with 100,000 shops resident the two
/// took about 9% of the host's CPU under load, and their cost grows with the number of shops while
/// nothing else on the dashboard does. The dashboard's counters page lists every other Orleans counter.
/// </summary>
internal sealed class DashboardCounterReader(OrleansInstruments instruments, IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Orleans instrument names left out (Orleans' <c>InstrumentNames</c> constants).</summary>
    public static readonly IReadOnlySet<string> Skipped = new HashSet<string>(StringComparer.Ordinal)
    {
        // Sum of the queued requests of every activation, each read under the activation's lock.
        "orleans-messaging-processing-activation-data",
        // Entries of the grain directory cache, counted with a filtered walk over the whole cache.
        "orleans-directory-cache-size",
    };

    // The dashboard's exporter and reader host are internal: found by name, checked at registration.
    private static readonly Assembly Dashboard = typeof(DashboardOptions).Assembly;
    private const string ReaderHostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string ExporterTypeName = "Orleans.Dashboard.Implementation.DashboardTelemetryExporter";

    private MeterProvider? _provider;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DashboardCounterReader), ServiceLifecycleStage.Active - 1, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        var exporter = (BaseExporter<Metric>)services.GetRequiredService(Dashboard.GetType(ExporterTypeName, throwOnError: true)!);
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(instruments.Meter.Name)
            .AddView(View)
            .AddReader(new PeriodicExportingMetricReader(exporter, exportIntervalMilliseconds: 1000, exportTimeoutMilliseconds: 1000))
            .Build();
        return Task.CompletedTask;
    }

    private Task Stop(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _provider = null;
    }

    /// <summary>Only Orleans' own meter, minus <see cref="Skipped"/>; histograms as a plain sum, which is all the dashboard shows of them.</summary>
    private MetricStreamConfiguration? View(Instrument instrument)
    {
        if (instrument.Meter != instruments.Meter || Skipped.Contains(instrument.Name))
        {
            return MetricStreamConfiguration.Drop;
        }

        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>)
            ? new ExplicitBucketHistogramConfiguration { Boundaries = [], TagKeys = [], RecordMinMax = false }
            : null;
    }

    /// <summary>
    /// Puts this reader in place of the dashboard's: removes the lifecycle registration through which
    /// the dashboard starts its own (registered by <c>AddDashboard</c> as "the existing reader host
    /// as a lifecycle participant") and adds this one. Throws if that registration is not found
    /// exactly once, so a dashboard update that moves it fails at start instead of reading twice.
    /// </summary>
    public static void Replace(IServiceCollection services)
    {
        var readerHost = Dashboard.GetType(ReaderHostTypeName, throwOnError: false);
        var theirs = services
            .Where(d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && !d.IsKeyedService && ResolvesTo(d.ImplementationFactory, readerHost))
            .ToList();
        if (readerHost is null || Dashboard.GetType(ExporterTypeName, throwOnError: false) is null || theirs.Count != 1)
        {
            throw new InvalidOperationException(
                $"The Orleans dashboard's counter reader was not found where {typeof(DashboardCounterReader).FullName} expects it " +
                $"({ReaderHostTypeName} registered once as a silo lifecycle participant, {ExporterTypeName}); the dashboard package changed. Update {nameof(DashboardCounterReader)}.");
        }

        services.Remove(theirs[0]);
        services.AddSingleton<DashboardCounterReader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DashboardCounterReader>());
    }

    /// <summary>True for a factory of the form <c>sp =&gt; sp.GetRequiredService(type)</c> whose closure holds <paramref name="type"/>.</summary>
    private static bool ResolvesTo(Func<IServiceProvider, object>? factory, Type? type) =>
        type is not null && factory?.Target is { } closure && closure.GetType()
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(field => field.FieldType == typeof(Type) && Equals(field.GetValue(closure), type));
}
