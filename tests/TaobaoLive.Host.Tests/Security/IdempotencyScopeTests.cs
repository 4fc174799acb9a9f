using System.Net;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>Idempotency-Keys are scoped per client key: one client can neither take over nor read another's key.</summary>
[Collection(SecuredHostCollection.Name)]
public sealed class IdempotencyScopeTests(SecuredHostFixture host)
{
    [Fact]
    public async Task Two_clients_using_the_same_key_get_their_own_answers()
    {
        string Body(string order, string amount) =>
            $"[{{\"orderId\":\"{order}\",\"shopId\":\"{SecuredHostFixture.Shop}\",\"amount\":\"{amount}\",\"paidAt\":\"{SecuredHostFixture.Start.AddMinutes(-3):O}\"}}]";
        var before = (await new Client.TaobaoLiveClient(host.Client(SecuredHostFixture.ViewerKey)).GetShop(SecuredHostFixture.Shop)).Orders;
        using var feed = host.Client(SecuredHostFixture.IngestKey);
        using var ops = host.Client(SecuredHostFixture.OperatorKey);

        var first = await feed.PostRaw("api/orders", Body("scope-1", "3.00"), idempotencyKey: "shared-key-1");
        var other = await ops.PostRaw("api/orders", Body("scope-2", "4.00"), idempotencyKey: "shared-key-1");
        var replay = await feed.PostRaw("api/orders", Body("scope-1", "3.00"), idempotencyKey: "shared-key-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, other.Status, replay.Status));
        Assert.False(other.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], replay.Response.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(before + 2, (await new Client.TaobaoLiveClient(host.Client(SecuredHostFixture.ViewerKey)).GetShop(SecuredHostFixture.Shop)).Orders);
    }
}
