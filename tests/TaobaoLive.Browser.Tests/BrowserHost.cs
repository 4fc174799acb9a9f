using TaobaoLive.Client;

namespace TaobaoLive.Browser.Tests;

/// <summary>
/// The real host on a real Kestrel port on loopback (a browser cannot reach an in-memory test
/// server), wall clock, built-in geography, simulator off.
/// </summary>
public sealed class BrowserHost : TaobaoLiveHostFactory, IAsyncLifetime
{
    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public TaobaoLiveClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        UseKestrel(Port);
        StartServer();
        Api = new TaobaoLiveClient(new HttpClient { BaseAddress = BaseAddress });
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Browsers watch it live: real time.</summary>
    protected override bool InjectTime => false;
}
