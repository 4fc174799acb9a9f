using System.Reflection;
using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace TaobaoLive.Host.Hosting;

/// <summary>
/// Everything TaobaoLive knows of the Orleans dashboard's internals, in one place: the package offers
/// no supported way to leave instruments out of its counters (its <see cref="DashboardOptions"/> has
/// only HideTrace, CounterUpdateIntervalMs and HistoryLength), so <see cref="DashboardCounterReader"/>
/// swaps the dashboard's reader for its own through the two internal types named here. Written for
/// <see cref="WrittenFor"/>; a test fails when the package moves, and <see cref="ReaderRegistration"/>
/// refuses to start a host on a dashboard that has moved them.
/// </summary>
internal static class OrleansDashboardInternals
{
    /// <summary>The package version these names were read from.</summary>
    public const string WrittenFor = "10.4.2";

    private const string ReaderHostTypeName = "Orleans.Dashboard.DashboardHost";

    private const string ExporterTypeName = "Orleans.Dashboard.Implementation.DashboardTelemetryExporter";

    private static readonly Assembly Dashboard = typeof(DashboardOptions).Assembly;

    /// <summary>The version of the dashboard package loaded: "10.4.2" of "10.4.2. Commit Hash: 876ffe0…".</summary>
    public static string LoadedVersion =>
        Dashboard.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } version
            ? Regex.Match(version, @"^\d+(\.\d+)*").Value
            : "unknown";

    /// <summary>The dashboard's exporter, which feeds its counters page (a singleton the dashboard registers).</summary>
    public static BaseExporter<Metric> Exporter(IServiceProvider services) =>
        (BaseExporter<Metric>)services.GetRequiredService(Dashboard.GetType(ExporterTypeName, throwOnError: true)!);

    /// <summary>
    /// The registration through which the dashboard starts its own reader: <c>AddDashboard</c> adds
    /// its reader host as a silo lifecycle participant, <c>sp =&gt; sp.GetRequiredService(type)</c>.
    /// Throws unless found exactly once (and the exporter type exists), so a dashboard that moved them
    /// fails at start instead of reading twice.
    /// </summary>
    public static ServiceDescriptor ReaderRegistration(IServiceCollection services)
    {
        var readerHost = Dashboard.GetType(ReaderHostTypeName, throwOnError: false);
        var found = services
            .Where(d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && !d.IsKeyedService && ResolvesTo(d.ImplementationFactory, readerHost))
            .ToList();
        if (readerHost is null || Dashboard.GetType(ExporterTypeName, throwOnError: false) is null || found.Count != 1)
        {
            throw new InvalidOperationException(
                $"The Orleans dashboard's counter reader was not found where {typeof(DashboardCounterReader).FullName} expects it " +
                $"({ReaderHostTypeName} registered once as a silo lifecycle participant, {ExporterTypeName}; written for Microsoft.Orleans.Dashboard {WrittenFor}, " +
                $"loaded {LoadedVersion}): the dashboard package changed. Update {nameof(OrleansDashboardInternals)}.");
        }

        return found[0];
    }

    /// <summary>True for a factory of the form <c>sp =&gt; sp.GetRequiredService(type)</c> whose closure holds <paramref name="type"/>.</summary>
    private static bool ResolvesTo(Func<IServiceProvider, object>? factory, Type? type) =>
        type is not null && factory?.Target is { } closure && closure.GetType()
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(field => field.FieldType == typeof(Type) && Equals(field.GetValue(closure), type));
}
