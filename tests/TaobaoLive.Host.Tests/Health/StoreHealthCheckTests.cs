using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TaobaoLive.Host.Health;
using TaobaoLive.Host.Persistence;

namespace TaobaoLive.Host.Tests.Health;

public sealed class StoreHealthCheckTests
{
    [Fact]
    public async Task An_unreachable_database_makes_the_store_unhealthy_naming_the_reason_not_the_password()
    {
        var port = FreePorts.Next();
        var check = new StoreHealthCheck(Options.Create(new StoreOptions
        {
            Store = "PostgreSql",
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=taobaolive;Username=taobaolive;Password=secret-word;Timeout=2",
        }));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("PostgreSQL is unreachable: ", result.Description);
        Assert.DoesNotContain("secret-word", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_in_memory_store_is_always_reachable()
    {
        var check = new StoreHealthCheck(Options.Create(new StoreOptions()));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Healthy, "in-memory store"), (result.Status, result.Description));
    }
}
