using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Ingest;
using TaobaoLive.Contracts;
using TaobaoLive.Grains.Streaming;
using TaobaoLive.Host.Diagnostics;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Api.Ingest;

public static class OrderEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string ProducerHeader = "Producer-Id";
    private const int MaxKeyLength = 200;
    private const int MaxProducerLength = 100;

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/orders", Post)
            .Produces<IngestResult>()
            .Produces<ApiErrors>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrors>(StatusCodes.Status422UnprocessableEntity)
            .RequireRateLimiting(TaobaoLiveHostExtensions.IngestPolicy)
            .WithTags("ingest");
        return app;
    }

    /// <summary>
    /// <c>POST /api/orders</c>: a JSON array (application/json) or one order per line
    /// (application/x-ndjson). All or nothing; with an Idempotency-Key a retry gets the first answer.
    /// </summary>
    private static async Task Post(HttpContext context, OrderIngest ingest, UpwardOutbox outbox, IGrainFactory grains, IOptions<PlatformHostOptions> options, CancellationToken cancellationToken)
    {
        var mediaType = RequestBody.MediaType(context.Request, RequestBody.Json, RequestBody.NdJson);
        if (mediaType is null)
        {
            await RequestBody.UnsupportedType(context.Request, RequestBody.Json, RequestBody.NdJson).ExecuteAsync(context);
            return;
        }

        if (outbox.Pending > options.Value.MaxOutboxBacklog)
        {
            context.Response.Headers.RetryAfter = "1";
            await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the platform is catching up with earlier orders; retry after 1 second").ExecuteAsync(context);
            return;
        }

        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxKeyLength)
        {
            await ApiResults.BadRequest($"{IdempotencyHeader} is longer than {MaxKeyLength} characters", IdempotencyHeader).ExecuteAsync(context);
            return;
        }

        var producer = context.Request.Headers[ProducerHeader].ToString();
        if (producer.Length > MaxProducerLength || producer.Any(char.IsControl))
        {
            await ApiResults.BadRequest($"{ProducerHeader} must be at most {MaxProducerLength} printable characters", ProducerHeader).ExecuteAsync(context);
            return;
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(context, cancellationToken);
        if (body is null)
        {
            await tooLarge!.ExecuteAsync(context);
            return;
        }

        using (body)
        {
            await Ingest(context, body, mediaType, key, producer.Length == 0 ? null : producer, ingest, grains);
        }
    }

    private static async Task AbandonQuietly(IIdempotencyGrain ticket, Guid attempt)
    {
        try
        {
            await ticket.Abandon(attempt);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            // The ticket cannot be reached either: its lease frees the key.
        }
    }

    private static async Task Ingest(HttpContext context, PooledBody body, string mediaType, string key, string? producer, OrderIngest ingest, IGrainFactory grains)
    {
        if (key.Length == 0)
        {
            await Write(context, await ingest.Ingest(OrderBatchReader.Read(body.Span, mediaType == RequestBody.NdJson, ingest.MaxRecords, ingest.KnownShop), producerId: producer), replayed: false);
            return;
        }

        // Keys are scoped per client (the API key's name; one scope for an open host): one client
        // cannot take over or read another's key.
        var scope = context.User.Identity?.Name ?? "open";
        var ticketGrain = grains.GetGrain<IIdempotencyGrain>($"orders:{scope}:{key}");
        var hash = Convert.ToHexString(SHA256.HashData(body.Span)) + ":" + mediaType + ":" + producer;
        var attempt = Guid.NewGuid();
        IdempotencyTicket ticket;
        try
        {
            ticket = await ticketGrain.Begin(hash, attempt);
        }
        catch
        {
            // The ticket may have started this attempt and its answer been lost on the way (a silo's
            // connection cut while the cluster changes): give the key back, or every retry hears
            // "in progress" until the ticket's lease runs out. The failure itself is answered 503
            // (ClusterFaults), and the retry runs again.
            await AbandonQuietly(ticketGrain, attempt);
            throw;
        }

        switch (ticket.Outcome)
        {
            case IdempotencyOutcome.Completed:
                await Write(context, new IngestOutcome(ticket.StatusCode, ticket.Body ?? string.Empty), replayed: true);
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await ApiResults.Error(StatusCodes.Status409Conflict, $"a request with this {IdempotencyHeader} is still being processed; retry after 1 second", IdempotencyHeader).ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Mismatch:
                await ApiResults.Error(StatusCodes.Status422UnprocessableEntity, $"this {IdempotencyHeader} was already used for a different request", IdempotencyHeader).ExecuteAsync(context);
                return;
        }

        IngestOutcome outcome;
        try
        {
            outcome = await ingest.Ingest(
                OrderBatchReader.Read(body.Span, mediaType == RequestBody.NdJson, ingest.MaxRecords, ingest.KnownShop),
                OrderIngest.BatchIdOf(key, hash),
                ingest.Durable ? ($"orders:{scope}:{key}", hash) : null,
                producer);
        }
        catch
        {
            await ticketGrain.Abandon(attempt);
            throw;
        }

        // Only an accepted batch takes its key (durable store: its answer was committed with it).
        // Anything else (a rejected batch, a 503) leaves the key free for the next attempt, which
        // runs again under the same batch id: shops that applied a first attempt skip it.
        if (outcome.StatusCode != StatusCodes.Status200OK)
        {
            await ticketGrain.Abandon(attempt);
        }
        else
        {
            await ticketGrain.Complete(outcome.StatusCode, outcome.Body);
        }

        await Write(context, outcome, replayed: outcome.Replayed);
    }

    private static async Task Write(HttpContext context, IngestOutcome outcome, bool replayed)
    {
        IngestMetrics.Answered(context, outcome.StatusCode, outcome.Body, replayed);
        context.Response.StatusCode = outcome.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (outcome.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }

        await context.Response.WriteAsync(outcome.Body);
    }
}
