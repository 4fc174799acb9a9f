using Microsoft.Playwright;

namespace TaobaoLive.Browser.Tests;

/// <summary>Debian's chromium; Playwright downloads nothing. Missing is a failure, never a skip.</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Path(),
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    public static string Path()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException("Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); install it with 'apt-get install chromium' (bash .ci/run does).");
    }
}

/// <summary>Where screenshots go: $TAOBAOLIVE_ARTIFACTS (set by .ci/run to TestResults/artifacts), else the test's output folder.</summary>
public static class Artifacts
{
    public static string PathFor(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("TAOBAOLIVE_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, fileName);
    }
}
