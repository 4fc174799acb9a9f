using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Tests.Infrastructure;

public static class HttpExtensions
{
    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostRaw(this HttpClient http, string path, string body, string? contentType = "application/json", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static IReadOnlyList<ApiError> Errors(string body) =>
        JsonSerializer.Deserialize<ApiErrors>(body, TaobaoLiveJson.Options)!.Errors;
}
