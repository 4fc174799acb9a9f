using System.Diagnostics;
using System.Text.Json;
using TaobaoLive.Grains.Diagnostics;

namespace TaobaoLive.Host.Diagnostics;

/// <summary>What an order batch's answer adds to the <see cref="TaobaoLiveMetrics"/>.</summary>
public static class IngestMetrics
{
    public const string OrdersPath = "/api/orders";

    /// <summary>
    /// An ingest answer as written to the client: a 200 adds its accepted orders (and the records its
    /// producer had already delivered, as duplicates); a 400 or 422 adds
    /// each record at fault under its field (amount, paidAt, shopId, orderId, type), or
    /// <c>malformed</c> where the JSON itself is broken. A replayed answer (same Idempotency-Key)
    /// adds nothing: its orders were counted the first time.
    /// </summary>
    public static void Answered(HttpContext context, int statusCode, string body, bool replayed)
    {
        if (replayed || context.RequestServices.GetService<TaobaoLiveMetrics>() is not { } metrics)
        {
            return;
        }

        if (statusCode == StatusCodes.Status200OK)
        {
            using var answer = JsonDocument.Parse(body);
            metrics.OrdersAccepted(answer.RootElement.GetProperty("accepted").GetInt32());
            if (answer.RootElement.TryGetProperty("duplicates", out var duplicates) && duplicates.GetInt32() > 0)
            {
                metrics.OrdersDuplicate(duplicates.GetInt32());
            }

            return;
        }

        if (statusCode is not (StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity))
        {
            return;
        }

        using var errors = JsonDocument.Parse(body);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var error in errors.RootElement.GetProperty("errors").EnumerateArray())
        {
            if (error.GetProperty("index").GetInt32() < 0)
            {
                continue;
            }

            var reason = error.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String
                ? field.GetString()!
                : statusCode == StatusCodes.Status400BadRequest ? "malformed" : "invalid";
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }

        foreach (var (reason, count) in counts)
        {
            metrics.OrdersRejected(count, reason);
        }
    }

    /// <summary>Every answer to <c>POST /api/orders</c>, whoever gives it (the rate limiter's 503 too), timed from arrival.</summary>
    public static IApplicationBuilder UseIngestMetrics(this IApplicationBuilder app) =>
        app.UseWhen(
            context => HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(OrdersPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await next(context);
                }
                finally
                {
                    context.RequestServices.GetService<TaobaoLiveMetrics>()?.BatchAnswered(context.Response.StatusCode, TaobaoLiveMetrics.Since(started));
                }
            }));
}
