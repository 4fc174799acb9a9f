using System.Net;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api.Ingest;

/// <summary>Every bad input gets its exact status and message, and leaves the shop untouched.</summary>
[Collection(HostCollection.Name)]
public sealed class IngestValidationTests(HostFixture host) : IAsyncLifetime
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/交丙坛村";
    private const string Shop = "validation-shop";

    private static string Now => HostFixture.Start.ToString("yyyy-MM-ddTHH:mm:sszzz");

    public async Task InitializeAsync() => await host.Api.RegisterShops([new ShopRecord(Shop, Village, "测试店")]);

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Order(string id = "o1", string amount = "\"12.34\"", string? paidAt = null, string shop = Shop, string extra = "") =>
        $"{{\"orderId\":\"{id}\",\"shopId\":\"{shop}\",\"amount\":{amount},\"paidAt\":\"{paidAt ?? Now}\"{extra}}}";

    public static TheoryData<string, string, HttpStatusCode, int, string?, string> Cases => new()
    {
        // body, content type, status, index, field, message
        { $"[{Order()}", "application/json", HttpStatusCode.BadRequest, 0, null, "malformed JSON at line 1, byte 99" },
        { "{}", "application/json", HttpStatusCode.BadRequest, -1, null, "the body must be a JSON array of orders (or send application/x-ndjson, one order per line)" },
        { "[1]", "application/json", HttpStatusCode.BadRequest, 0, null, "each order must be a JSON object" },
        { $"[{Order()}] []", "application/json", HttpStatusCode.BadRequest, 0, null, "malformed JSON at line 1, byte 101" },
        { "[]", "application/json", HttpStatusCode.UnprocessableEntity, -1, null, "the batch has no orders" },
        { "[{\"shopId\":\"validation-shop\",\"amount\":1,\"paidAt\":\"2026-11-11T10:00:00+08:00\"}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "orderId", "orderId is required" },
        { $"[{Order(amount: "\"1.234\"")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount '1.234' has more than two decimals" },
        { $"[{Order(amount: "1.234")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount '1.234' has more than two decimals" },
        { $"[{Order(amount: "0")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)" },
        { $"[{Order(amount: "-5")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)" },
        { $"[{Order(amount: "1e9")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount '1e9' is not a number with at most two decimals" },
        { $"[{Order(amount: "100000000.01")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount '100000000.01' is too large (at most 100000000.00)" },
        { $"[{Order(amount: "true")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "amount must be a number or a string of yuan" },
        { $"[{Order(paidAt: "2026-11-11T10:00:00")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "paidAt", "paidAt '2026-11-11T10:00:00' must be an ISO 8601 time with an offset, e.g. 2026-11-11T00:00:05+08:00" },
        { $"[{Order(paidAt: "2026-11-11T10:05:01+08:00")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "paidAt", "paidAt 2026-11-11T10:05:01.0000000+08:00 is in the future (later than 2026-11-11T10:05:00.0000000+08:00, the clock plus 5 minutes of allowed skew)" },
        { $"[{Order(paidAt: "2025-11-11T23:59:59+08:00")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "paidAt", "paidAt 2025-11-11T23:59:59.0000000+08:00 is older than the 365-day turnover window (earliest accepted business day 2025-11-12)" },
        { $"[{Order("a")},{Order("a")}]", "application/json", HttpStatusCode.UnprocessableEntity, 1, "orderId", "orderId 'a' appears twice in this batch (first at index 0)" },
        { $"[{Order(shop: "ghost")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "shopId", "shop 'ghost' is not registered; register it with POST /api/shops first" },
        { $"[{Order(extra: ",\"type\":\"gift\"")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "type", "type 'gift' must be payment or refund" },
        { $"[{Order(extra: ",\"type\":\"refund\"")}]", "application/json", HttpStatusCode.UnprocessableEntity, 0, "amount", "refund of 12.34 exceeds the shop's turnover of 0.00 on 2026-11-11" },
        { $"{Order()}\n{{\"orderId\":", "application/x-ndjson", HttpStatusCode.BadRequest, 1, null, "malformed JSON on line 2, byte 12" },
        { Order(), "text/plain", HttpStatusCode.UnsupportedMediaType, -1, null, "content type 'text/plain' is not accepted; send application/json or application/x-ndjson" },
        { $"[{Order()},{Order("big", extra: $",\"pad\":\"{new string('x', 70_000)}\"")}]", "application/json", HttpStatusCode.RequestEntityTooLarge, -1, null, "request body is larger than 65536 bytes; split the batch" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_its_status_and_message_and_changes_nothing(string body, string contentType, HttpStatusCode status, int index, string? field, string message)
    {
        var before = await host.Api.GetShop(Shop);

        var (actual, text, _) = await host.Http.PostRaw("api/orders", body, contentType);

        Assert.Equal(status, actual);
        Assert.True(HttpExtensions.Errors(text).Contains(new ApiError(index, field, message)), text);
        var after = await host.Api.GetShop(Shop);
        Assert.Equal((before.Orders, before.Refunds, before.AnnualTurnover), (after.Orders, after.Refunds, after.AnnualTurnover));
    }

    [Fact]
    public async Task A_good_record_beside_a_bad_one_is_not_applied()
    {
        var before = await host.Api.GetShop(Shop);

        var (status, text, _) = await host.Http.PostRaw("api/orders", $"[{Order("good-1")},{Order("bad-1", amount: "\"abc\"")}]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([new ApiError(1, "amount", "amount 'abc' is not a number with at most two decimals")], HttpExtensions.Errors(text));
        Assert.Equal(before.Orders, (await host.Api.GetShop(Shop)).Orders);
    }

    [Fact]
    public async Task A_refused_refund_is_named_by_its_place_in_the_batch_among_other_shops()
    {
        const string other = "validation-other-shop";
        await host.Api.RegisterShops([new ShopRecord(other, Village, null)]);
        var before = await host.Api.GetShop(Shop);

        // The shop's records sit at 1 and 3; its refund (its own second record) exceeds what it holds.
        var (status, text, _) = await host.Http.PostRaw(
            "api/orders",
            $"[{Order("mix-0", shop: other)},{Order("mix-1")},{Order("mix-2", shop: other)},{Order("mix-3", amount: "\"1000000.00\"", extra: ",\"type\":\"refund\"")}]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(HttpExtensions.Errors(text));
        Assert.Equal((3, "amount"), (error.Index, error.Field));
        Assert.StartsWith("refund of 1000000.00 exceeds the shop's turnover of ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.Orders, (await host.Api.GetShop(Shop)).Orders);
        Assert.Equal(0, (await host.Api.GetShop(other)).Orders);
    }

    [Fact]
    public async Task Newline_delimited_batches_are_accepted()
    {
        var before = await host.Api.GetShop(Shop);

        var (status, text, _) = await host.Http.PostRaw("api/orders", $"{Order("nd-1")}\n\n{Order("nd-2", amount: "7")}\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"accepted\":2", text, StringComparison.Ordinal);
        var after = await host.Api.GetShop(Shop);
        Assert.Equal(before.Orders + 2, after.Orders);
        Assert.Equal(before.AnnualTurnover + 19.34m, after.AnnualTurnover);
    }

    [Fact]
    public async Task Shop_registration_is_checked_whole_before_any_shop_is_registered()
    {
        var (status, text, _) = await host.Http.PostRaw("api/shops", $"[{{\"shopId\":\"fresh-1\",\"village\":\"{Village}\"}},{{\"shopId\":\"fresh-2\",\"village\":\"广东省/火星村\"}},{{\"village\":\"{Village}\"}}]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(
            [new ApiError(1, "village", "'广东省/火星村' is not a village id or path"), new ApiError(2, "shopId", "shopId is required")],
            HttpExtensions.Errors(text));
        var (lookup, _, _) = await host.Http.PostRaw("api/shops", "[]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lookup);
        var missing = await host.Http.GetAsync("api/shops/fresh-1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_shop_cannot_be_registered_to_a_second_village()
    {
        var (status, text, _) = await host.Http.PostRaw("api/shops", $"[{{\"shopId\":\"{Shop}\",\"village\":\"广东省/揭阳市/普宁市/占陇镇/新寮村\"}}]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([new ApiError(0, "shopId", $"shop '{Shop}' is already registered to village {Village}")], HttpExtensions.Errors(text));
    }
}
