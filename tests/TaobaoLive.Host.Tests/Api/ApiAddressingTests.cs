using System.Net;
using System.Net.Http.Json;
using TaobaoLive.Contracts;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Api;

/// <summary>
/// Regions are addressed by id or by path wherever the API takes one, paging is checked rather than
/// clamped, and an error answer always carries a body saying what was wrong.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ApiAddressingTests(HostFixture host)
{
    private const string County = "广东省/揭阳市/普宁市";
    private const string Village = "广东省/揭阳市/普宁市/燎原镇/光南村";

    [Theory]
    [InlineData("api/regions/广东省/揭阳市/普宁市")]
    [InlineData("api/regions/%E5%B9%BF%E4%B8%9C%E7%9C%81/%E6%8F%AD%E9%98%B3%E5%B8%82/%E6%99%AE%E5%AE%81%E5%B8%82")]
    [InlineData("api/regions/%E5%B9%BF%E4%B8%9C%E7%9C%81%2F%E6%8F%AD%E9%98%B3%E5%B8%82%2F%E6%99%AE%E5%AE%81%E5%B8%82")]
    [InlineData("api/regions/广东省%2F揭阳市%2F普宁市")]
    [InlineData("api/regions/中国/广东省/揭阳市/普宁市/")]
    [InlineData("api/regions?path=%E5%B9%BF%E4%B8%9C%E7%9C%81%2F%E6%8F%AD%E9%98%B3%E5%B8%82%2F%E6%99%AE%E5%AE%81%E5%B8%82")]
    public async Task A_region_path_works_in_plain_segments_escaped_segments_or_one_escaped_segment(string address)
    {
        var byId = await host.Api.GetRegion(County);

        var region = await host.Http.GetFromJsonAsync<RegionView>(address, TaobaoLiveJson.Options);

        Assert.Equal((byId.Id, "county", County), (region!.Id, region.Level, region.Path));
    }

    [Theory]
    [InlineData("api/regions/广东省/揭阳市/普宁市/燎原镇/光南村/thresholds")]
    [InlineData("api/regions/广东省%2F揭阳市%2F普宁市%2F燎原镇%2F光南村/thresholds")]
    public async Task Thresholds_take_a_village_path_either_way(string address)
    {
        var village = await host.Api.GetRegion(Village);

        var thresholds = await host.Http.GetFromJsonAsync<VillageThresholdsView>(address, TaobaoLiveJson.Options);

        // Addressed by its 2015 path; answered with today's (燎原镇 has become 燎原街道).
        Assert.Equal((village.Id, "广东省/揭阳市/普宁市/燎原街道/光南村"), (thresholds!.Id, thresholds.Path));
    }

    [Fact]
    public async Task Lists_take_within_as_a_path()
    {
        var towns = await host.Http.GetFromJsonAsync<List<RegionView>>($"api/regions?level=town&within={Uri.EscapeDataString(County)}&limit=1000", TaobaoLiveJson.Options);

        Assert.NotEmpty(towns!);
        Assert.All(towns!, t => Assert.StartsWith(County + "/", t.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api/regions?level=town&limit=abc", "limit", "limit must be a whole number from 1 to 1000 (got 'abc')")]
    [InlineData("api/regions?level=town&limit=-5", "limit", "limit must be a whole number from 1 to 1000 (got '-5')")]
    [InlineData("api/regions?level=town&limit=0", "limit", "limit must be a whole number from 1 to 1000 (got '0')")]
    [InlineData("api/regions?level=town&limit=1001", "limit", "limit must be a whole number from 1 to 1000 (got '1001')")]
    [InlineData("api/regions?level=town&limit=1e3", "limit", "limit must be a whole number from 1 to 1000 (got '1e3')")]
    [InlineData("api/regions?level=town&limit=99999999999", "limit", "limit must be a whole number from 1 to 1000 (got '99999999999')")]
    [InlineData("api/regions?level=town&limit=", "limit", "limit must be a whole number from 1 to 1000 (got '')")]
    [InlineData("api/regions?level=town&offset=-1", "offset", "offset must be a whole number from 0 to 2147483647 (got '-1')")]
    [InlineData("api/regions?level=town&offset=abc", "offset", "offset must be a whole number from 0 to 2147483647 (got 'abc')")]
    [InlineData("api/regions?level=town&offset=1e3", "offset", "offset must be a whole number from 0 to 2147483647 (got '1e3')")]
    [InlineData("api/regions?level=town&offset=99999999999", "offset", "offset must be a whole number from 0 to 2147483647 (got '99999999999')")]
    [InlineData("api/events?limit=-5", "limit", "limit must be a whole number from 1 to 1000 (got '-5')")]
    [InlineData("api/events?limit=2.5", "limit", "limit must be a whole number from 1 to 1000 (got '2.5')")]
    [InlineData("api/leaderboards/villages?limit=101", "limit", "limit must be a whole number from 1 to 100 (got '101')")]
    [InlineData("api/leaderboards/villages?limit=%2B5", "limit", "limit must be a whole number from 1 to 100 (got '+5')")]
    public async Task Bad_paging_is_a_400_naming_the_parameter(string address, string field, string message)
    {
        var response = await host.Http.GetAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([new ApiError(-1, field, message)], HttpExtensions.Errors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Good_paging_pages()
    {
        var all = await host.Http.GetFromJsonAsync<List<RegionView>>($"api/regions?level=town&within={Uri.EscapeDataString(County)}&limit=1000", TaobaoLiveJson.Options);
        var page = await host.Http.GetFromJsonAsync<List<RegionView>>($"api/regions?level=town&within={Uri.EscapeDataString(County)}&limit=2&offset=1", TaobaoLiveJson.Options);
        var past = await host.Http.GetFromJsonAsync<List<RegionView>>($"api/regions?level=town&within={Uri.EscapeDataString(County)}&offset=2147483647", TaobaoLiveJson.Options);

        Assert.Equal(all!.Skip(1).Take(2).Select(t => t.Id), page!.Select(t => t.Id));
        Assert.Empty(past!);
    }

    [Theory]
    [InlineData("GET", "api/nowhere", HttpStatusCode.NotFound, "no API endpoint GET /api/nowhere (see /openapi/v1.json)")]
    [InlineData("DELETE", "api/regions/country-cn", HttpStatusCode.MethodNotAllowed, "DELETE is not allowed on /api/regions/country-cn (see /openapi/v1.json)")]
    [InlineData("GET", "api/regions/广东省/没有这个市", HttpStatusCode.NotFound, "no region with id or path '广东省/没有这个市'")]
    [InlineData("GET", "api/regions/广东省%2F没有这个市/thresholds", HttpStatusCode.NotFound, "no region with id or path '广东省/没有这个市'")]
    [InlineData("GET", "api/regions/广东省/thresholds", HttpStatusCode.BadRequest, "'广东省' is a province; thresholds are shown for villages")]
    public async Task Errors_always_have_a_body(string method, string address, HttpStatusCode status, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), address);
        var response = await host.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, Assert.Single(HttpExtensions.Errors(await response.Content.ReadAsStringAsync())).Message);
    }
}
