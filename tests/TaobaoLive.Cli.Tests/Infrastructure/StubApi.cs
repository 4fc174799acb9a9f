using System.Net;
using System.Text;
using TaobaoLive.Client;

namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>An API that answers from a script, for what a real host will not do on demand (be busy, refuse a size).</summary>
public sealed class StubApi(Func<HttpRequestMessage, string, (HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> answer) : HttpMessageHandler
{
    public List<(HttpMethod Method, string Path, string Body)> Requests { get; } = [];

    public List<Uri> Connections { get; } = [];

    public TaobaoLiveClient Connect(Uri baseAddress)
    {
        Connections.Add(baseAddress);
        return new TaobaoLiveClient(new HttpClient(this, disposeHandler: false) { BaseAddress = baseAddress });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body));
        var (status, text, retryAfter) = answer(request, body);
        var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return response;
    }
}
