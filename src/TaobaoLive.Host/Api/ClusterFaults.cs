using Orleans.Runtime.Messaging;
using Orleans.Storage;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>
/// What a request meets when the cluster changes under it (a silo lost mid-call, a grain moving, a
/// storage write racing another silo's, the database briefly out of connections) is answered 503 with
/// Retry-After, so a client retries: with an
/// Idempotency-Key a retried order batch is applied once. Anything else is a 500 with the trace id to
/// find it in the log. Both keep the API's error shape; neither takes the process down.
/// </summary>
public static class ClusterFaults
{
    public static IApplicationBuilder UseClusterFaults(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterFaults));
            var transient = IsTransient(exception);
            logger.LogWarning(exception, "{Method} {Path} failed ({Kind})", context.Request.Method, context.Request.Path, transient ? "cluster change, answered 503" : "answered 500");
            context.Response.Clear();
            if (transient)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, null,
                    $"{Reason(exception, context.TraceIdentifier)}; retry after 1 second, with the same Idempotency-Key for order batches")]));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new ApiErrors([new ApiError(-1, null,
                    $"internal error {context.TraceIdentifier}; the host log has the details")]));
            }
        }
    });

    /// <summary>
    /// What the client is told: which of the two passing troubles it met. The database's own message
    /// (server names, users, SQL) stays in the host log, found by the request's trace id.
    /// </summary>
    private static string Reason(Exception exception, string traceId) => Innermost(exception) switch
    {
        Npgsql.NpgsqlException => $"the database refused for a moment (details in the host log under request {traceId})",
        var other => $"the cluster is changing ({other.GetType().Name})",
    };

    private static Exception Innermost(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Innermost(aggregate.InnerExceptions[0])
        : exception is not Npgsql.NpgsqlException && exception.InnerException is { } inner ? Innermost(inner)
        : exception;

    /// <summary>
    /// A cluster change, or the database refusing for a moment (out of connections, a failover):
    /// Npgsql says which of its errors are transient. A cancellation that is not the request's own
    /// (the caller excludes an aborted request) is a grain call or activation cut short while silos
    /// came and went. Looks through wrapping exceptions.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or InconsistentStateException or TimeoutException or OperationCanceledException => true,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
