using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api.Ingest;

/// <summary>Numbering producers (Producer-Id + seq) on the embedded host: re-sent records are left out and counted as duplicates.</summary>
[Collection(HostCollection.Name)]
public sealed class ProducerSequenceTests(HostFixture host)
{
    private const string Village = "广东省/揭阳市/普宁市/占陇镇/朴兜村";

    [Fact]
    public async Task Records_a_producer_delivered_before_are_left_out_however_they_are_batched()
    {
        await host.Api.RegisterShops([new ShopRecord("seq-shop", Village)]);

        var first = await Post("seq-producer-1", Records("seq-shop", 1, 10));
        var resent = await Post("seq-producer-1", Records("seq-shop", 6, 12));
        var otherProducer = await Post("seq-producer-2", Records("seq-shop", 1, 2, prefix: "other"));

        Assert.Equal((HttpStatusCode.OK, 10, 0), (first.Status, first.Result!.Accepted, first.Result.Duplicates));
        Assert.Equal((HttpStatusCode.OK, 2, 5), (resent.Status, resent.Result!.Accepted, resent.Result.Duplicates));
        Assert.Equal((HttpStatusCode.OK, 2, 0), (otherProducer.Status, otherProducer.Result!.Accepted, otherProducer.Result.Duplicates));
        var shop = await host.Api.GetShop("seq-shop");
        Assert.Equal(14, shop.Orders);
    }

    [Fact]
    public async Task A_batch_of_nothing_but_duplicates_is_accepted_with_none_applied()
    {
        await host.Api.RegisterShops([new ShopRecord("seq-shop-2", Village)]);
        await Post("seq-producer-3", Records("seq-shop-2", 1, 3));

        var again = await Post("seq-producer-3", Records("seq-shop-2", 1, 3));

        Assert.Equal((HttpStatusCode.OK, 0, 3), (again.Status, again.Result!.Accepted, again.Result.Duplicates));
        Assert.Equal(3, (await host.Api.GetShop("seq-shop-2")).Orders);
    }

    [Fact]
    public async Task Every_record_of_a_numbering_producer_needs_its_own_seq()
    {
        await host.Api.RegisterShops([new ShopRecord("seq-shop-3", Village)]);
        var body = $$"""
            [{"orderId":"n1","shopId":"seq-shop-3","amount":1,"paidAt":"{{HostFixture.Start:O}}","seq":1},
             {"orderId":"n2","shopId":"seq-shop-3","amount":1,"paidAt":"{{HostFixture.Start:O}}"},
             {"orderId":"n3","shopId":"seq-shop-3","amount":1,"paidAt":"{{HostFixture.Start:O}}","seq":1},
             {"orderId":"n4","shopId":"seq-shop-3","amount":1,"paidAt":"{{HostFixture.Start:O}}","seq":-4}]
            """;

        var answer = await Post("seq-producer-4", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal(
            [
                new ApiError(1, "seq", "seq is required on every record when the request names a Producer-Id"),
                new ApiError(2, "seq", "seq 1 appears twice in this batch (first at index 0)"),
                new ApiError(3, "seq", "seq must be a whole number from 0 to 9223372036854775807 (the record's number in its producer's stream)"),
            ],
            HttpExtensions.Errors(answer.Body));
        Assert.Equal(0, (await host.Api.GetShop("seq-shop-3")).Orders);
    }

    private static string Records(string shopId, int from, int to, string prefix = "seq") =>
        "[" + string.Join(",", Enumerable.Range(from, to - from + 1).Select(i => $$"""{"orderId":"{{prefix}}-{{shopId}}-{{i}}","shopId":"{{shopId}}","amount":1,"paidAt":"{{HostFixture.Start:O}}","seq":{{i}}}""")) + "]";

    private async Task<(HttpStatusCode Status, string Body, IngestResult? Result)> Post(string producer, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Producer-Id", producer);
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<IngestResult>(text, TaobaoLiveJson.Options) : null);
    }
}
