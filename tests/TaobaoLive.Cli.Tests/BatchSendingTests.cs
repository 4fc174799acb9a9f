using System.Net;
using System.Text.Json;
using TaobaoLive.Cli.Tests.Infrastructure;

namespace TaobaoLive.Cli.Tests;

/// <summary>How loads cope with a host that is busy or takes smaller bodies than the batch: scripted answers.</summary>
public sealed class BatchSendingTests
{
    private const string Accepted = """{"accepted":1,"acceptedAt":"2026-11-11T10:00:00+08:00"}""";

    private static readonly string[] Orders =
    [
        "o-1,s-1,10.00,2026-11-11T09:00:00+08:00",
        "o-2,s-1,20.00,2026-11-11T09:00:00+08:00",
        "o-3,s-2,30.00,2026-11-11T09:00:00+08:00",
    ];

    [Fact]
    public async Task A_busy_host_is_asked_again_after_its_Retry_After()
    {
        var calls = 0;
        var api = new StubApi((_, _) => ++calls == 1
            ? (HttpStatusCode.ServiceUnavailable, """{"errors":[{"index":-1,"field":null,"message":"catching up"}]}""", TimeSpan.Zero)
            : (HttpStatusCode.OK, """{"accepted":3,"acceptedAt":"2026-11-11T10:00:00+08:00"}""", null));
        using var file = new TempFile(".csv", Orders);

        var run = await CliRun.Execute(api.Connect, "load-orders", file.Path);

        Assert.Equal(
            (ExitCodes.Ok, CliRun.Text($"accepted 3 orders from {file.Path}"), CliRun.Text("the host is busy (503); retrying in 0 s")),
            (run.ExitCode, run.Output, run.Errors));
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(api.Requests[0].Body, api.Requests[1].Body);
    }

    [Fact]
    public async Task With_json_a_load_prints_its_summary_as_json()
    {
        var api = new StubApi((_, _) => (HttpStatusCode.OK, """{"accepted":3,"acceptedAt":"2026-11-11T10:00:00+08:00"}""", null));
        using var file = new TempFile(".csv", Orders);

        var run = await CliRun.Execute(api.Connect, "load-orders", file.Path, "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(
            (file.Path, 3, 3, 1),
            (json.RootElement.GetProperty("file").GetString(), json.RootElement.GetProperty("records").GetInt32(), json.RootElement.GetProperty("accepted").GetInt32(), json.RootElement.GetProperty("batches").GetInt32()));
    }

    [Fact]
    public async Task A_batch_larger_than_the_host_takes_is_halved_until_it_fits()
    {
        var api = new StubApi((_, body) => JsonDocument.Parse(body).RootElement.GetArrayLength() > 1
            ? (HttpStatusCode.RequestEntityTooLarge, """{"errors":[{"index":-1,"field":null,"message":"request body is larger than 100 bytes; split the batch"}]}""", null)
            : (HttpStatusCode.OK, Accepted, null));
        using var file = new TempFile(".csv", Orders);

        var run = await CliRun.Execute(api.Connect, "load-orders", file.Path);

        Assert.Equal(
            (ExitCodes.Ok, CliRun.Text("lines 1-1: 1 accepted", "lines 2-2: 1 accepted", "lines 3-3: 1 accepted", $"accepted 3 orders from {file.Path}"), string.Empty),
            (run.ExitCode, run.Output, run.Errors));
        // [1 2 3] is too large, then [1] fits, [2 3] is too large, then [2] and [3] fit.
        Assert.Equal([3, 1, 2, 1, 1], api.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetArrayLength()));
    }

    [Fact]
    public async Task A_refusal_after_accepted_batches_says_what_was_accepted_and_maps_the_index_to_its_line()
    {
        var api = new StubApi((_, body) => body.Contains("o-3", StringComparison.Ordinal)
            ? (HttpStatusCode.UnprocessableEntity, """{"errors":[{"index":0,"field":"shopId","message":"shop 's-2' is not registered; register it with POST /api/shops first"}]}""", null)
            : (HttpStatusCode.OK, """{"accepted":2,"acceptedAt":"2026-11-11T10:00:00+08:00"}""", null));
        using var file = new TempFile(".csv", ["orderId,shopId,amount,paidAt", .. Orders]);

        var run = await CliRun.Execute(api.Connect, "load-orders", file.Path, "--batch", "2");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(CliRun.Text("lines 2-3: 2 accepted"), run.Output);
        Assert.Equal(
            CliRun.Text(
                $"{file.Path}: line 4: shop 's-2' is not registered; register it with POST /api/shops first",
                $"{file.Path}: the host refused lines 4-4 (422 UnprocessableEntity); earlier lines were accepted (2 orders), later lines were not sent"),
            run.Errors);
    }

    [Fact]
    public async Task Orders_go_out_with_their_amounts_exact_and_their_kind_as_the_wire_type()
    {
        var api = new StubApi((_, _) => (HttpStatusCode.OK, """{"accepted":2,"acceptedAt":"2026-11-11T10:00:00+08:00"}""", null));
        using var file = new TempFile(".ndjson",
            """{"orderId":"o-1","shopId":"s-1","amount":1234.5,"paidAt":"2026-11-11T09:00:00+08:00","extra":true}""",
            """{"orderId":"o-2","shopId":"s-1","amount":"0.10","paidAt":"2026-11-11T01:00:00Z","type":"refund"}""");

        var run = await CliRun.Execute(api.Connect, "load-orders", file.Path);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var (method, path, body) = Assert.Single(api.Requests);
        Assert.Equal((HttpMethod.Post, "/api/orders"), (method, path));
        Assert.Equal(
            """[{"orderId":"o-1","shopId":"s-1","amount":1234.5,"paidAt":"2026-11-11T09:00:00+08:00","type":null},{"orderId":"o-2","shopId":"s-1","amount":0.10,"paidAt":"2026-11-11T01:00:00+00:00","type":"refund"}]""",
            body);
    }
}
