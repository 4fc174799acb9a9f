using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaobaoLive.Contracts;

namespace TaobaoLive.Client;

/// <summary>A typed client of the TaobaoLive HTTP API, used by the command line and the simulator.</summary>
public sealed class TaobaoLiveClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<PlatformView> GetPlatform(CancellationToken cancellationToken = default) =>
        Get<PlatformView>("api/platform", cancellationToken);

    public Task<IReadOnlyList<SiloView>> GetSilos(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<SiloView>>("api/silos", cancellationToken);

    /// <summary>An id (country-cn, a division code such as 445281102201, village-0123456789ab) or a path (广东省/揭阳市/普宁市).</summary>
    public Task<RegionView> GetRegion(string idOrPath, CancellationToken cancellationToken = default) =>
        idOrPath.Contains('/') || !(idOrPath.Contains('-') || idOrPath.All(char.IsAsciiDigit))
            ? Get<RegionView>($"api/regions?path={Uri.EscapeDataString(idOrPath)}", cancellationToken)
            : Get<RegionView>($"api/regions/{Uri.EscapeDataString(idOrPath)}", cancellationToken);

    /// <summary>Regions by name prefix or code prefix, ranked (GET /api/regions/search).</summary>
    public Task<IReadOnlyList<RegionHit>> SearchRegions(string query, string? within = null, int limit = 20, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<RegionHit>>(
            $"api/regions/search?q={Uri.EscapeDataString(query)}&limit={limit}"
            + (within is null ? string.Empty : $"&within={Uri.EscapeDataString(within)}"),
            cancellationToken);

    public Task<IReadOnlyList<RegionView>> ListRegions(string level, string? within = null, string? status = null, int limit = 100, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<RegionView>>(
            $"api/regions?level={Uri.EscapeDataString(level)}&limit={limit}"
            + (within is null ? string.Empty : $"&within={Uri.EscapeDataString(within)}")
            + (status is null ? string.Empty : $"&status={Uri.EscapeDataString(status)}"),
            cancellationToken);

    public Task<IReadOnlyList<RegionView>> GetChildren(string idOrPath, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<RegionView>>($"api/regions/children?of={Uri.EscapeDataString(idOrPath)}", cancellationToken);

    public Task<IReadOnlyList<ClusterView>> GetClusters(string? within = null, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<ClusterView>>(within is null ? "api/clusters" : $"api/clusters?within={Uri.EscapeDataString(within)}", cancellationToken);

    public Task<ShopView> GetShop(string shopId, CancellationToken cancellationToken = default) =>
        Get<ShopView>($"api/shops/{Uri.EscapeDataString(shopId)}", cancellationToken);

    public Task<IReadOnlyList<StatusChangeView>> GetEvents(string? within = null, DateTimeOffset? since = null, int limit = 100, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<StatusChangeView>>(
            $"api/events?limit={limit}"
            + (within is null ? string.Empty : $"&within={Uri.EscapeDataString(within)}")
            + (since is null ? string.Empty : $"&since={Uri.EscapeDataString(since.Value.ToString("O"))}"),
            cancellationToken);

    /// <summary>Leaderboard of "villages", "towns", "counties" or "clusters" by "today" or "annual" turnover.</summary>
    public Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboard(string board, string by = "today", int limit = 10, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<LeaderboardEntry>>($"api/leaderboards/{Uri.EscapeDataString(board)}?by={by}&limit={limit}", cancellationToken);

    public async Task<int> RegisterShops(IReadOnlyList<ShopRecord> shops, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync("api/shops", shops, TaobaoLiveJson.Options, cancellationToken);
        return (await Read<IngestResult>(response, cancellationToken)).Accepted;
    }

    public async Task<IngestResult> PostOrders(IReadOnlyList<OrderRecord> orders, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = JsonContent.Create(orders, options: TaobaoLiveJson.Options),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        return await Read<IngestResult>(response, cancellationToken);
    }

    private async Task<T> Get<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(path, cancellationToken);
        return await Read<T>(response, cancellationToken);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await Failure(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(TaobaoLiveJson.Options, cancellationToken)
            ?? throw new TaobaoLiveApiException(response.StatusCode, [new ApiError(-1, null, "empty response")], null);
    }

    private static async Task<TaobaoLiveApiException> Failure(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiError> errors;
        try
        {
            errors = (await response.Content.ReadFromJsonAsync<ApiErrors>(TaobaoLiveJson.Options, cancellationToken))?.Errors
                ?? [new ApiError(-1, null, response.ReasonPhrase ?? "error")];
        }
        catch (JsonException)
        {
            errors = [new ApiError(-1, null, response.ReasonPhrase ?? "error")];
        }

        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new TaobaoLiveApiException(response.StatusCode, errors, response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? retryAfter ?? TimeSpan.FromSeconds(1) : retryAfter);
    }
}
