using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Hosting;

/// <summary>The Orleans dashboard the host serves, with its counters read by <see cref="DashboardCounterReader"/>.</summary>
[Collection(HostCollection.Name)]
public sealed class OrleansDashboardTests(HostFixture host)
{
    [Fact]
    public async Task The_Orleans_dashboard_is_served_under_dashboard()
    {
        var response = await host.Http.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_silos_counters_reach_the_dashboard_without_the_gauges_that_visit_every_activation()
    {
        var silo = (await host.Api.GetSilos()).Single();

        var names = await Eventually.Until(
            async () => CounterNames(await host.Http.GetStringAsync($"/dashboard/SiloCounters/{silo.Address}")),
            names => names.Contains("orleans-catalog-activations") && names.Contains("orleans-messaging-processing-dispatcher-received"),
            "the silo's Orleans counters on the dashboard");

        Assert.Empty(names.Intersect(DashboardCounterReader.Skipped));
    }

    [Fact]
    public void Replacing_the_dashboards_reader_refuses_when_the_dashboard_did_not_register_one()
    {
        var services = new ServiceCollection();

        var refused = Assert.Throws<InvalidOperationException>(() => DashboardCounterReader.Replace(services));

        Assert.Contains("the dashboard package changed", refused.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void The_dashboard_package_loaded_is_the_version_its_internals_were_read_from()
    {
        // A new Microsoft.Orleans.Dashboard: check the two internal names in OrleansDashboardInternals
        // (or a supported way to leave instruments out), then move WrittenFor.
        Assert.Equal(OrleansDashboardInternals.WrittenFor, OrleansDashboardInternals.LoadedVersion);
    }

    private static HashSet<string> CounterNames(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
    }
}
