using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Api;

namespace TaobaoLive.Host.Tests.Api;

/// <summary>
/// A request that meets a cluster change is answered 503 with Retry-After (the client retries; order
/// batches with their Idempotency-Key); any other failure is a 500 in the API's error shape.
/// </summary>
public sealed class ClusterFaultTests
{
    [Theory]
    [InlineData("silo")]
    [InlineData("connection")]
    [InlineData("timeout")]
    [InlineData("activation-cancelled")]
    [InlineData("aggregate")]
    [InlineData("database")]
    public async Task A_cluster_change_is_answered_503_with_retry_after(string fault)
    {
        await using var app = await Start();

        using var response = await app.GetTestClient().GetAsync($"/fault/{fault}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<ApiErrors>())!.Errors);
        Assert.StartsWith(fault == "database" ? "the database refused for a moment (details in the host log under request " : "the cluster is changing (", error.Message);
        Assert.DoesNotContain("too many clients", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); retry after 1 second, with the same Idempotency-Key for order batches", error.Message);
    }

    [Fact]
    public async Task Any_other_failure_is_a_500_in_the_error_shape_and_the_host_keeps_serving()
    {
        await using var app = await Start();
        var client = app.GetTestClient();

        using var failed = await client.GetAsync("/fault/bug");
        using var next = await client.GetAsync("/fault/none");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var error = Assert.Single((await failed.Content.ReadFromJsonAsync<ApiErrors>())!.Errors);
        Assert.Matches("^internal error .+; the host log has the details$", error.Message);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private static async Task<WebApplication> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseClusterFaults();
        app.MapGet("/fault/{kind}", Fault);
        await app.StartAsync();
        return app;
    }

    private static IResult Fault(string kind) => kind switch
    {
        "silo" => throw new SiloUnavailableException("silo gone"),
        "connection" => throw new Orleans.Runtime.Messaging.ConnectionFailedException("connection lost"),
        "timeout" => throw new TimeoutException("slow"),
        // A grain activation whose directory registration was cancelled while silos came and went
        // (seen in the crash harness as a 500 on a retried batch).
        "activation-cancelled" => throw new TaskCanceledException("A task was canceled."),
        "aggregate" => throw new AggregateException(new SiloUnavailableException("a"), new TimeoutException("b")),
        "database" => throw new InvalidOperationException("grain call failed", new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")),
        "bug" => throw new InvalidOperationException("a bug"),
        _ => Results.Ok(),
    };
}
