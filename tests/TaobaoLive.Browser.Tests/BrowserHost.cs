namespace TaobaoLive.Browser.Tests;

/// <summary>The real host on a loopback port (a browser cannot reach an in-memory test server), wall clock, built-in geography, simulator off.</summary>
public sealed class BrowserHost : LoopbackHost, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        Listen();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
