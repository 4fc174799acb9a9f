using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace TaobaoLive.Host.Hosting;

/// <summary>
/// Reads the Orleans instruments into the dashboard's counters once a second, as the dashboard's own
/// reader does, but without the gauges in <see cref="Skipped"/>. Each of those visits every activation
/// (taking its lock) or every directory cache entry on every read: with 100,000 shops resident the two
/// took about 9% of the host's CPU under load, and their cost grows with the number of shops while
/// nothing else on the dashboard does. The dashboard's counters page lists every other Orleans counter.
/// Only the OpenTelemetry side is here; what it needs of the dashboard's internals is in
/// <see cref="OrleansDashboardInternals"/>.
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

    private MeterProvider? _provider;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DashboardCounterReader), ServiceLifecycleStage.Active - 1, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        var exporter = OrleansDashboardInternals.Exporter(services);
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
    /// Puts this reader in place of the dashboard's: removes the registration through which the
    /// dashboard starts its own (<see cref="OrleansDashboardInternals.ReaderRegistration"/>, which
    /// throws when it is not where it was) and adds this one.
    /// </summary>
    public static void Replace(IServiceCollection services)
    {
        services.Remove(OrleansDashboardInternals.ReaderRegistration(services));
        services.AddSingleton<DashboardCounterReader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DashboardCounterReader>());
    }
}
