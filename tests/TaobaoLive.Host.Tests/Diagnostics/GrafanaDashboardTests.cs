using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Host.Tests.Diagnostics;

/// <summary>deploy/grafana's dashboard asks only for series the TaobaoLive meter exports (a renamed instrument breaks this test, not the wall screen).</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Every_TaobaoLive_series_in_the_dashboard_is_exported()
    {
        var path = Path.Combine(RepositoryRoot(), "deploy", "grafana", "taobaolive-double11.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();

        var asked = expressions.SelectMany(e => SeriesName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var exported = ExportedSeries();

        Assert.True(asked.Count >= 9, string.Join(", ", asked));
        Assert.Empty(asked.Except(exported));
        Assert.Contains("taobaolive_orders_accepted_total", asked);
    }

    /// <summary>Each instrument under the Prometheus exporter's naming: dots to underscores, the unit as a suffix, counters in _total, histograms in _bucket/_sum/_count.</summary>
    private static HashSet<string> ExportedSeries()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new TaobaoLiveMetrics(services.GetRequiredService<IMeterFactory>(), new OrderMeter());
        metrics.ObserveGauge("taobaolive.outbox.backlog", "{report}", "as UpwardOutbox registers it", () => 0);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter != metrics.Meter)
                {
                    return;
                }

                var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : string.Empty);
                if (instrument is Histogram<double>)
                {
                    names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                }
                else
                {
                    names.Add(instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal) ? name + "_total" : name);
                }
            },
        };
        listener.Start();
        return names;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TaobaoLive.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TaobaoLive.sln not found above the test's directory");
    }

    [GeneratedRegex("taobaolive_[a-z_]+")]
    private static partial Regex SeriesName();
}
