namespace TaobaoLive.Host.Live;

/// <summary>
/// Refusals on the live hub (a bad topic, too many topics or connections, a cross-origin page, a
/// reader too slow to keep up) are the client's doing: the first of each kind is logged at once,
/// later ones are counted and logged as one line with the count at most once a minute, never with a
/// stack trace. A client hammering the hub cannot fill the log.
/// </summary>
public sealed partial class LiveRefusals(TimeProvider time, ILogger<LiveRefusals> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Count, long Total, DateTimeOffset LoggedAt, string Last)> _kinds = new(StringComparer.Ordinal);

    /// <summary>Every refusal so far, per kind.</summary>
    public long Total(string kind)
    {
        lock (_lock)
        {
            return _kinds.TryGetValue(kind, out var entry) ? entry.Total : 0;
        }
    }

    public void Refused(string kind, string client, string reason)
    {
        var now = time.GetUtcNow();
        long pending;
        lock (_lock)
        {
            if (!_kinds.TryGetValue(kind, out var entry))
            {
                _kinds[kind] = (0, 1, now, reason);
                LogFirst(logger, kind, client, reason);
                return;
            }

            entry = (entry.Count + 1, entry.Total + 1, entry.LoggedAt, reason);
            if (now - entry.LoggedAt < Interval)
            {
                _kinds[kind] = entry;
                return;
            }

            pending = entry.Count;
            _kinds[kind] = (0, entry.Total, now, reason);
        }

        LogCount(logger, pending, kind, client, reason);
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "Live hub refused ({Kind}) {Client}: {Reason}; further refusals of this kind are counted, logged at most once a minute")]
    private static partial void LogFirst(ILogger logger, string kind, string client, string reason);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Live hub refused {Count} more ({Kind}); the latest {Client}: {Reason}")]
    private static partial void LogCount(ILogger logger, long count, string kind, string client, string reason);
}
