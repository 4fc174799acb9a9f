using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TaobaoLive.Contracts;

namespace TaobaoLive.Deploy.Tests.Cluster;

/// <summary>
/// A producer as the README asks them to behave: every batch through the balancer with an
/// Idempotency-Key, a 503 retried with the same key after its Retry-After, until it is answered 200
/// and goes into the ledger. Anything else is a failure the test reports; a batch whose answer failed
/// that way is still retried with its key, so its fate is known and the ledger stays exact.
/// </summary>
public sealed class BalancerIngest(HttpClient balancer, OrderLedger ledger)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);
    private int _retried;

    /// <summary>Answers other than 200 and 503, and requests that got no answer.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Batches answered 503 and retried.</summary>
    public int Retried => Volatile.Read(ref _retried);

    public Task PostOrders(IReadOnlyList<OrderRecord> orders, string key) =>
        Send("api/orders", orders, key, () => ledger.Acknowledged(orders));

    public Task RegisterShops(IReadOnlyList<ShopRecord> shops) =>
        Send("api/shops", shops, null, () => ledger.Registered(shops));

    private async Task Send<T>(string path, IReadOnlyList<T> body, string? key, Action acknowledged)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: TaobaoLiveJson.Options) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            var wait = TimeSpan.FromMilliseconds(200);
            try
            {
                using var response = await balancer.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged();
                    return;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _retried);
                    wait = TimeSpan.FromTicks(Math.Min(response.Headers.RetryAfter?.Delta?.Ticks ?? wait.Ticks, TimeSpan.FromSeconds(1).Ticks));
                }
                else
                {
                    Failures.Enqueue($"{path} {key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    if ((int)response.StatusCode < 500)
                    {
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Failures.Enqueue($"{path} {key}: no answer: {exception.Message}");
            }

            if (watch.Elapsed > GiveUpAfter)
            {
                throw new TimeoutException($"{path} {key} was not answered 200 within {GiveUpAfter.TotalSeconds:0} s of retries");
            }

            // The answer's Retry-After (at most a second) before the same request again.
            await Task.Delay(wait);
        }
    }
}
