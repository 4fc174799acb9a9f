using Microsoft.Extensions.Options;
using TaobaoLive.Host.Persistence;

namespace TaobaoLive.Host.Hosting;

/// <summary>
/// A bad option or an unreachable database is the operator's to fix: one clear line on stderr and
/// exit code 1, no stack trace.
/// </summary>
public static class StartupFailures
{
    /// <summary>
    /// An event handler, not a catch around the host: under WebApplicationFactory these exceptions
    /// must still reach the test that starts the host.
    /// </summary>
    public static void ReportInOneLine() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (e.ExceptionObject is Exception exception && IsTheOperators(exception))
        {
            Console.Error.WriteLine($"TaobaoLive cannot start: {exception.Message}");
            Environment.Exit(1);
        }
    };

    /// <summary>Options refused at start, the store out of reach, or a configuration value of the wrong format.</summary>
    public static bool IsTheOperators(Exception exception) =>
        exception is OptionsValidationException or StoreUnavailableException or InvalidOperationException { InnerException: FormatException };
}
