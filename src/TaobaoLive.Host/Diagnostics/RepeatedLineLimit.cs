using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TaobaoLive.Host.Diagnostics;

/// <summary>
/// Wraps a log provider (the console) so that a warning or error repeated by the thousand comes out
/// as its first few lines and a count. A whole cluster stopping under load had every silo log each
/// message it could no longer place, with its stack trace, and each of Orleans' placement retries:
/// about 19,000 lines on one silo in 15 s (and a host with a million shops, stopping, 6,764 lines of
/// deactivation writes cut short). Per category and event id, the first
/// <see cref="Burst"/> lines of each <see cref="Window"/> pass; the rest are counted and one line per
/// window says how many were left out. Lines below Warning (the audit lines among them) always pass.
/// </summary>
[ProviderAlias("Console")]
public sealed partial class RepeatedLineLimit : ILoggerProvider, ISupportExternalScope
{
    public const int Burst = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ILoggerProvider _inner;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Category, int EventId), Tally> _tallies = new();
    private readonly ITimer _flush;
    private ILogger? _own;

    public RepeatedLineLimit(ILoggerProvider inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _flush = time.CreateTimer(_ => Flush(), null, Window, Window);
    }

    public ILogger CreateLogger(string categoryName) => new Limited(this, categoryName, _inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    /// <summary>Says how many lines were left out in every window that has ended.</summary>
    public void Flush() => ReportEnded(force: false);

    public void Dispose()
    {
        _flush.Dispose();
        ReportEnded(force: true);
        _inner.Dispose();
    }

    // force: the windows still open too (the host is stopping).
    private void ReportEnded(bool force)
    {
        foreach (var ((category, eventId), tally) in _tallies)
        {
            if (tally.TakeEnded(_time.GetUtcNow(), force) is { } ended)
            {
                Report(category, eventId, ended);
            }
        }
    }

    private bool Pass(string category, int eventId, LogLevel level)
    {
        var tally = _tallies.GetOrAdd((category, eventId), _ => new Tally());
        var (pass, ended) = tally.Count(_time.GetUtcNow(), level);
        if (ended is { } previous)
        {
            Report(category, eventId, previous);
        }

        return pass;
    }

    private void Report(string category, int eventId, LeftOut ended)
    {
        _own ??= _inner.CreateLogger(typeof(RepeatedLineLimit).FullName!);
        LogLeftOut(_own, ended.Left, ended.Level, category, eventId, (_time.GetUtcNow() - ended.Since).TotalSeconds, Burst, Window.TotalSeconds);
    }

    /// <summary>
    /// Puts the limit in front of the console provider the web host registers (the only one it has;
    /// test hosts add their own capturing providers beside it, which see every line).
    /// </summary>
    public static void Wrap(ILoggingBuilder logging)
    {
        var console = logging.Services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (console is null)
        {
            return;
        }

        logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(sp => new RepeatedLineLimit(
            new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>()),
            TimeProvider.System));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Left} more {Level} line(s) of {Category} (event {EventId}) not logged in the last {Seconds:0} s: only the first {Burst} of a kind are written every {Window:0} s")]
    private static partial void LogLeftOut(ILogger logger, long left, LogLevel level, string category, int eventId, double seconds, int burst, double window);

    /// <summary>Lines of one kind left out in a window: how many, the highest level among them, and when the window began.</summary>
    private readonly record struct LeftOut(long Left, LogLevel Level, DateTimeOffset Since);

    /// <summary>One kind of line: how many came in the current window, and how many were left out.</summary>
    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _start = DateTimeOffset.MinValue;
        private int _count;
        private long _left;
        private LogLevel _level;

        public (bool Pass, LeftOut? Ended) Count(DateTimeOffset now, LogLevel level)
        {
            lock (_gate)
            {
                var ended = Roll(now, force: false);
                _count++;
                if (_count <= Burst)
                {
                    return (true, ended);
                }

                _left++;
                _level = level > _level ? level : _level;
                return (false, ended);
            }
        }

        public LeftOut? TakeEnded(DateTimeOffset now, bool force)
        {
            lock (_gate)
            {
                return Roll(now, force);
            }
        }

        // A new window once the current one has ended; what the old one left out, if anything.
        private LeftOut? Roll(DateTimeOffset now, bool force)
        {
            if (!force && now - _start < Window)
            {
                return null;
            }

            LeftOut? ended = _left > 0 ? new LeftOut(_left, _level, _start) : null;
            _start = now;
            _count = 0;
            _left = 0;
            _level = LogLevel.Trace;
            return ended;
        }
    }

    private sealed class Limited(RepeatedLineLimit limit, string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning && !limit.Pass(category, eventId.Id, logLevel))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
