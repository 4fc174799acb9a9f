using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>Every log line of a host at every level, with its exception, as text: for checking what a log holds.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Text)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, EventId Event, string Text)> Lines => _lines.ToList();

    public string AllText => string.Join("\n", _lines.Select(l => $"{l.Category} {l.Level} {l.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}")) : "";
            capture._lines.Enqueue((category, logLevel, eventId, formatter(state, exception) + structured + (exception is null ? "" : "\n" + exception)));
        }
    }
}
