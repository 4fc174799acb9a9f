using System.Net;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api.Ingest;

[Collection(HostCollection.Name)]
public sealed class IdempotencyTests(HostFixture host)
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/朴兜村";

    [Fact]
    public async Task A_retried_batch_is_answered_as_before_and_never_counted_twice()
    {
        await host.Api.RegisterShops([new ShopRecord("idem-shop", Village)]);
        var body = $"[{{\"orderId\":\"i1\",\"shopId\":\"idem-shop\",\"amount\":\"88.80\",\"paidAt\":\"{HostFixture.Start:O}\"}}]";

        var first = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0001");
        var retry = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0001");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.False(first.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], retry.Response.Headers.GetValues("Idempotent-Replayed"));
        var shop = await host.Api.GetShop("idem-shop");
        Assert.Equal((1L, 88.80m), (shop.Orders, shop.AnnualTurnover));
    }

    [Fact]
    public async Task A_key_reused_for_another_body_is_refused()
    {
        await host.Api.RegisterShops([new ShopRecord("idem-shop-2", Village)]);
        var body = $"[{{\"orderId\":\"j1\",\"shopId\":\"idem-shop-2\",\"amount\":1,\"paidAt\":\"{HostFixture.Start:O}\"}}]";
        await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0002");

        var other = await host.Http.PostRaw("api/orders", body.Replace("j1", "j2", StringComparison.Ordinal), idempotencyKey: "batch-0002");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal([new ApiError(-1, "Idempotency-Key", "this Idempotency-Key was already used for a different request")], HttpExtensions.Errors(other.Body));
        Assert.Equal(1, (await host.Api.GetShop("idem-shop-2")).Orders);
    }

    [Fact]
    public async Task A_refused_batch_is_refused_again_on_retry()
    {
        var body = $"[{{\"orderId\":\"k1\",\"shopId\":\"nobody\",\"amount\":1,\"paidAt\":\"{HostFixture.Start:O}\"}}]";

        var first = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0003");
        var retry = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0003");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (first.Status, retry.Status));
        Assert.Equal(first.Body, retry.Body);
        Assert.False(retry.Response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_rejected_batch_leaves_its_key_free_for_the_batch_that_is_accepted()
    {
        var body = $"[{{\"orderId\":\"m1\",\"shopId\":\"idem-shop-late\",\"amount\":\"5.50\",\"paidAt\":\"{HostFixture.Start:O}\"}}]";
        var refused = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0004");
        var otherBody = await host.Http.PostRaw("api/orders", body.Replace("m1", "m0", StringComparison.Ordinal), idempotencyKey: "batch-0004");
        await host.Api.RegisterShops([new ShopRecord("idem-shop-late", Village)]);

        var accepted = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0004");
        var retry = await host.Http.PostRaw("api/orders", body, idempotencyKey: "batch-0004");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal([new ApiError(0, "shopId", "shop 'idem-shop-late' is not registered; register it with POST /api/shops first")], HttpExtensions.Errors(refused.Body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.Status);
        Assert.Equal("shopId", Assert.Single(HttpExtensions.Errors(otherBody.Body)).Field);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (accepted.Status, retry.Status));
        Assert.False(accepted.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], retry.Response.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(accepted.Body, retry.Body);
        var shop = await host.Api.GetShop("idem-shop-late");
        Assert.Equal((1L, 5.50m), (shop.Orders, shop.AnnualTurnover));
    }
}
