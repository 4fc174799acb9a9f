using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>Bodies are strict UTF-8, shop ids have one form: each refusal is its precise 4xx with a reason, and changes nothing.</summary>
[Collection(HostCollection.Name)]
public sealed class StrictInputTests(HostFixture host)
{
    private const string Village = "浙江省/温州市/瑞安市/仙降街道/林光村";

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/api/shops")]
    public async Task A_body_that_is_not_UTF_8_is_400_naming_the_byte(string path)
    {
        var shop = $"utf8-{path.Length}";
        Assert.Equal(1, await host.Api.RegisterShops([new ShopRecord(shop, Village)]));
        var before = await host.Api.GetShop(shop);
        var text = path == "/api/orders"
            ? $$"""[{"orderId":"utf8-1","shopId":"{{shop}}","amount":"5.00","paidAt":"{{HostFixture.Start.AddMinutes(-1):O}}","note":"@"}]"""
            : """[{"shopId":"utf8-new","village":"浙江省/温州市/瑞安市/仙降街道/林光村","name":"@"}]""";
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Array.IndexOf(bytes, (byte)'@');
        bytes[at] = 0xC3; // a lead byte followed by '"': not UTF-8

        var (status, body) = await Post(path, bytes, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"the body is not valid UTF-8 (byte {at} is 0xC3); send UTF-8 text", HttpExtensions.Errors(body).Single().Message);
        Assert.Equal(before.Orders, (await host.Api.GetShop(shop)).Orders);
        using var missing = await host.Http.GetAsync("/api/shops/utf8-new");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/api/orders", "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/api/orders", "application/x-ndjson; charset=gb2312", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/api/shops", "application/json; charset=utf-16", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/api/shops", "application/json; charset=UTF-8", HttpStatusCode.OK)]
    public async Task A_body_in_another_charset_is_415(string path, string contentType, HttpStatusCode expected)
    {
        var text = path == "/api/orders"
            ? """[{"orderId":"charset-1","shopId":"no-such-shop","amount":"1.00","paidAt":"2026-11-11T09:00:00+08:00"}]"""
            : $$"""[{"shopId":"charset-{{contentType.Length}}","village":"{{Village}}"}]""";
        var (status, body) = await Post(path, Encoding.UTF8.GetBytes(text), contentType);
        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.UnsupportedMediaType)
        {
            Assert.StartsWith($"charset '{contentType[(contentType.IndexOf('=') + 1)..]}' is not accepted; send UTF-8", HttpExtensions.Errors(body).Single().Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(" padded", "shopId has whitespace at its start or end; ids are taken exactly as sent, never trimmed")]
    [InlineData("padded ", "shopId has whitespace at its start or end; ids are taken exactly as sent, never trimmed")]
    [InlineData("a/b", "shopId contains '/'; shop ids may not contain / \\ ? # or % (they could not be read back by URL)")]
    [InlineData("a%2Fb", "shopId contains '%'; shop ids may not contain / \\ ? # or % (they could not be read back by URL)")]
    [InlineData("tab\there", "shopId contains a control character")]
    public async Task A_shop_id_outside_the_one_form_is_refused_not_trimmed(string shopId, string reason)
    {
        var (status, body) = await Post("/api/shops", Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new[] { new { shopId, village = Village } })), "application/json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = HttpExtensions.Errors(body).Single();
        Assert.Equal((0, "shopId", reason), (error.Index, error.Field, error.Message));
        using var trimmed = await host.Http.GetAsync($"/api/shops/{Uri.EscapeDataString(shopId.Trim())}");
        Assert.NotEqual(HttpStatusCode.OK, trimmed.StatusCode);
    }

    [Theory]
    [InlineData("%20padded")]
    [InlineData("a%25b")]
    public async Task Reading_a_shop_id_outside_the_one_form_is_400(string escaped)
    {
        using var response = await host.Http.GetAsync($"/api/shops/{escaped}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("shopId", HttpExtensions.Errors(await response.Content.ReadAsStringAsync()).Single().Field);
    }

    private async Task<(HttpStatusCode Status, string Body)> Post(string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await host.Http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
