using System.Net;
using TaobaoLive.Cli.Tests.Infrastructure;
using TaobaoLive.Client;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Tests;

/// <summary>Bad files, unknown regions and refusals: exit code 1, one precise reason per problem, nothing half-sent.</summary>
[Collection(CliHostCollection.Name)]
public sealed class InputErrorTests(CliHost host)
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/西楼村";

    [Fact]
    public async Task A_bad_line_in_a_shop_file_is_named_by_its_line_and_nothing_is_registered()
    {
        using var file = new TempFile(
            ".csv",
            $"bad-1,{Village}",
            "bad-2",
            "",
            $"bad-3,{Village},\"unterminated",
            $"bad-4,{Village},ok,extra",
            $"bad-1,{Village}");

        var run = await host.Run("load-shops", file.Path);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(
            CliRun.Text(
                $"{file.Path}: line 2: expected shopId,village[,name] but found 1 field",
                $"{file.Path}: line 4: a quoted field has no closing quote",
                $"{file.Path}: line 5: expected shopId,village[,name] but found 4 fields",
                $"{file.Path}: line 6: shop 'bad-1' appears twice (first on line 1)",
                $"{file.Path}: 4 bad lines; nothing was sent"),
            run.Errors);
        await AssertNotRegistered("bad-1");
    }

    [Fact]
    public async Task A_village_the_host_does_not_know_is_found_before_anything_is_registered()
    {
        using var file = new TempFile(
            ".tsv",
            "shop id\tname\tvillage",
            $"unknown-1\t一号\t{Village}",
            $"unknown-2\t二号\t广东省/揭阳市/普宁市/占陇镇/不存在村",
            $"unknown-3\t三号\t广东省/揭阳市/普宁市/占陇镇");

        var run = await host.Run("load-shops", file.Path);

        Assert.Equal(
            (ExitCodes.Failed, string.Empty, CliRun.Text(
                $"{file.Path}: line 3: '广东省/揭阳市/普宁市/占陇镇/不存在村' is not a village id or path",
                $"{file.Path}: line 4: '广东省/揭阳市/普宁市/占陇镇' is a town, not a village",
                $"{file.Path}: 2 bad lines; nothing was sent")),
            (run.ExitCode, run.Output, run.Errors));
        await AssertNotRegistered("unknown-1");
    }

    [Fact]
    public async Task An_order_for_an_unregistered_shop_is_refused_on_its_line_and_the_batch_is_not_applied()
    {
        Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("orders-1", Village)]));
        using var file = new TempFile(
            ".csv",
            "orders-1-a,orders-1,12.30,2026-11-11T09:00:00+08:00",
            "# a shop nobody registered:",
            "orders-x-a,orders-nobody,5.00,2026-11-11T09:00:00+08:00");

        var run = await host.Run("load-orders", file.Path);

        Assert.Equal(
            (ExitCodes.Failed, string.Empty, CliRun.Text(
                $"{file.Path}: line 3: shop 'orders-nobody' is not registered; register it with POST /api/shops first",
                $"{file.Path}: the host refused lines 1-3 (422 UnprocessableEntity); nothing was accepted")),
            (run.ExitCode, run.Output, run.Errors));
        Assert.Equal((0L, 0m), await Orders("orders-1"));
    }

    [Fact]
    public async Task Orders_the_api_would_refuse_are_found_before_anything_is_sent()
    {
        Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord("orders-2", Village)]));
        using var file = new TempFile(
            ".ndjson",
            """{"orderId":"orders-2-a","shopId":"orders-2","amount":10,"paidAt":"2026-11-11T09:00:00+08:00"}""",
            """{"orderId":"orders-2-b","shopId":"orders-2","amount":"12.345","paidAt":"2026-11-11T09:00:00+08:00"}""",
            """{"orderId":"orders-2-c","shopId":"orders-2","amount":1,"paidAt":"2026-11-11T09:00:00"}""",
            """{"orderId":"orders-2-d","shopId":"orders-2","amount":1,"paidAt":"2026-11-11T09:00:00+08:00","type":"gift"}""",
            """{"orderId":"orders-2-e","shopId":"orders-2","amount":-1,"paidAt":"2026-11-11T09:00:00+08:00"}""",
            """{"orderId":"orders-2-a","shopId":"orders-2","amount":1,"paidAt":"2026-11-11T09:00:00+08:00"}""",
            """{"orderId":"orders-2-f","shopId":"orders-2","amount":1,""",
            """["orders-2-g"]""");

        var run = await host.Run("load-orders", file.Path);

        Assert.Equal(
            (ExitCodes.Failed, string.Empty, CliRun.Text(
                $"{file.Path}: line 2: amount '12.345' has more than two decimals",
                $"{file.Path}: line 3: paidAt '2026-11-11T09:00:00' must be an ISO 8601 time with an offset, e.g. 2026-11-11T00:00:05+08:00",
                $"{file.Path}: line 4: type 'gift' must be payment or refund",
                $"{file.Path}: line 5: amount must be greater than zero (send a refund as type refund with a positive amount)",
                $"{file.Path}: line 6: orderId 'orders-2-a' appears twice (first on line 1)",
                $"{file.Path}: line 7: malformed JSON at byte 55",
                $"{file.Path}: line 8: the line is not a JSON object",
                $"{file.Path}: 7 bad lines; nothing was sent")),
            (run.ExitCode, run.Output, run.Errors));
        Assert.Equal((0L, 0m), await Orders("orders-2"));
    }

    [Fact]
    public async Task An_empty_or_missing_file_is_exit_code_1()
    {
        using var empty = new TempFile(".csv", "# nothing yet", "");
        var missing = Path.Combine(Path.GetTempPath(), $"taobaolive-cli-{Guid.NewGuid():N}.csv");

        var none = await host.Run("load-shops", empty.Path);
        var gone = await host.Run("load-orders", missing);

        Assert.Equal((ExitCodes.Failed, CliRun.Text($"{empty.Path}: the file has no shops")), (none.ExitCode, none.Errors));
        Assert.Equal((ExitCodes.Failed, CliRun.Text($"{missing}: no such file")), (gone.ExitCode, gone.Errors));
    }

    [Theory]
    [InlineData("not found: region '广东省/不存在市'", "region", "广东省/不存在市")]
    [InlineData("not found: region 'village-000000000000'", "region", "village-000000000000")]
    [InlineData("not found: region '浙江省/不存在市'", "children", "浙江省/不存在市")]
    [InlineData("not found: region '不存在省'", "list", "village", "--within", "不存在省")]
    [InlineData("not found: region '不存在省'", "towns", "--within", "不存在省")]
    [InlineData("not found: region '不存在省'", "clusters", "--within", "不存在省")]
    [InlineData("not found: region '不存在省'", "events", "--within", "不存在省")]
    [InlineData("not found: shop 'nobody'", "shop", "nobody")]
    public async Task Something_that_does_not_exist_is_not_found_with_exit_code_1(string message, params string[] args)
    {
        var run = await host.Run(args);

        Assert.Equal((ExitCodes.Failed, string.Empty, CliRun.Text(message)), (run.ExitCode, run.Output, run.Errors));
    }

    [Fact]
    public async Task A_request_the_api_refuses_prints_its_reason_on_one_line()
    {
        var run = await host.Run("list", "county", "--status", "taobao-town");

        Assert.Equal(
            (ExitCodes.Failed, string.Empty, CliRun.Text("the host refused (400 BadRequest): status 'taobao-town' does not apply to level county: villages are taobao-village or none, towns taobao-town or none")),
            (run.ExitCode, run.Output, run.Errors));
    }

    private async Task AssertNotRegistered(string shopId)
    {
        var exception = await Assert.ThrowsAsync<TaobaoLiveApiException>(() => host.Api.GetShop(shopId));
        Assert.Equal(HttpStatusCode.NotFound, exception.Status);
    }

    private async Task<(long Orders, decimal Annual)> Orders(string shopId)
    {
        var shop = await host.Api.GetShop(shopId);
        return (shop.Orders, shop.AnnualTurnover);
    }
}
