namespace TaobaoLive.Host.Persistence;

/// <summary>
/// Repeated store failures as one line per interval with a count and the last reason, never a stack
/// trace per grain or per request (a database outage under load would otherwise write millions).
/// </summary>
public sealed partial class StoreFailureLog(ILogger<StoreFailureLog> logger, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private long _suppressed;
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Failed(string operation, Exception exception)
    {
        Interlocked.Increment(ref _total);
        long suppressed;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _windowStart < Interval)
            {
                _suppressed++;
                return;
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _windowStart = now;
        }

        LogFailure(logger, operation, exception.GetType().Name, Reason(exception), suppressed);
    }

    private static string Reason(Exception exception) =>
        exception is Npgsql.PostgresException pg ? $"{pg.SqlState} {pg.MessageText}" : (exception.InnerException ?? exception).Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed: {Kind}: {Reason} ({Suppressed} more failure(s) in the last interval not logged)")]
    private static partial void LogFailure(ILogger logger, string operation, string kind, string reason, long suppressed);
}
