using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Host.Diagnostics;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Diagnostics;

/// <summary>
/// Warnings and errors repeated by the thousand (a cluster stopping under load: a placement failure
/// with its stack trace per message) come out as their first few lines and a count.
/// </summary>
public sealed class RepeatedLineLimitTests
{
    private const string Placement = "Orleans.Messaging";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
    private readonly LogCapture _console = new();

    [Fact]
    public void A_thousand_alike_errors_are_five_lines_and_a_count_once_the_window_ends()
    {
        using var limit = new RepeatedLineLimit(_console, _time);
        var logger = limit.CreateLogger(Placement);

        for (var i = 0; i < 1000; i++)
        {
            logger.LogError(new EventId(100071), new InvalidOperationException("No active nodes are compatible"), "Failed to address message {N}", i);
        }

        Assert.Equal(RepeatedLineLimit.Burst, _console.Lines.Count);
        Assert.All(_console.Lines, l => Assert.Contains("No active nodes are compatible", l.Text));

        _time.Advance(RepeatedLineLimit.Window);

        var summary = Assert.Single(_console.Lines, l => l.Category == typeof(RepeatedLineLimit).FullName);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.StartsWith("995 more Error line(s) of Orleans.Messaging (event 100071) not logged in the last 10 s: only the first 5 of a kind are written every 10 s", summary.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_kind_has_its_own_allowance_and_lines_below_warning_always_pass()
    {
        using var limit = new RepeatedLineLimit(_console, _time);
        var placement = limit.CreateLogger(Placement);
        var audit = limit.CreateLogger("TaobaoLive.Audit");

        for (var i = 0; i < 20; i++)
        {
            placement.LogWarning(new EventId(1), "retry {N}", i);
            placement.LogWarning(new EventId(2), "dropping {N}", i);
            limit.CreateLogger("Polly").LogWarning(new EventId(1), "attempt {N}", i);
            audit.LogInformation(new EventId(9000), "Audit POST /api/orders {N}", i);
        }

        Assert.Equal(
            [(Placement, 1, 5), (Placement, 2, 5), ("Polly", 1, 5), ("TaobaoLive.Audit", 9000, 20)],
            _console.Lines.GroupBy(l => (l.Category, l.Event.Id)).Select(g => (g.Key.Category, g.Key.Id, g.Count())).ToList());
    }

    [Fact]
    public void A_new_window_lets_the_kind_through_again_and_the_count_comes_with_its_first_line()
    {
        using var limit = new RepeatedLineLimit(_console, _time);
        var logger = limit.CreateLogger(Placement);
        for (var i = 0; i < 8; i++)
        {
            logger.LogWarning(new EventId(7), "line {N}", i);
        }

        // Half a window later: still the same window, still left out.
        _time.Advance(RepeatedLineLimit.Window / 2);
        logger.LogWarning(new EventId(7), "line {N}", 8);
        Assert.Equal(5, _console.Lines.Count);

        // The line that opens the next window reports the four left out before it passes.
        _time.Advance(RepeatedLineLimit.Window / 2);
        logger.LogWarning(new EventId(7), "line {N}", 9);

        Assert.Equal(
            ["line 0", "line 1", "line 2", "line 3", "line 4", "4 more Warning line(s)", "line 9"],
            _console.Lines.Select(l => l.Text.StartsWith("4 more", StringComparison.Ordinal) ? "4 more Warning line(s)" : l.Text.Split(' ')[0] + " " + l.Text.Split(' ')[1]).ToList());
    }

    [Fact]
    public void What_was_left_out_is_reported_when_the_host_stops_before_the_window_ends()
    {
        var limit = new RepeatedLineLimit(_console, _time);
        var logger = limit.CreateLogger(Placement);
        for (var i = 0; i < 12; i++)
        {
            logger.LogError(new EventId(3), "failed {N}", i);
        }

        limit.Dispose();

        Assert.Contains(_console.Lines, l => l.Text.StartsWith("7 more Error line(s) of Orleans.Messaging (event 3)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_writes_its_console_through_the_limit()
    {
        using var host = new ProbeHost(new Dictionary<string, string?>());
        var providers = host.Services.GetServices<ILoggerProvider>().ToList();

        Assert.Contains(providers, p => p is RepeatedLineLimit);
        Assert.DoesNotContain(providers, p => p is Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider);
    }
}
