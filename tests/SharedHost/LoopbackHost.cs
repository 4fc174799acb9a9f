using TaobaoLive.Client;

namespace TaobaoLive.Testing;

/// <summary>
/// The real host on a real Kestrel port on loopback, on real time: for clients that cannot reach an
/// in-memory test server (a browser, the simulator's own HTTP and SignalR connections).
/// </summary>
public class LoopbackHost : TaobaoLiveHostFactory
{
    public int Port { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>A client of the running host (after <see cref="Listen"/>).</summary>
    public TaobaoLiveClient Api { get; private set; } = null!;

    /// <summary>Starts the host on <see cref="Port"/>.</summary>
    public void Listen()
    {
        UseKestrel(Port);
        StartServer();
        Api = new TaobaoLiveClient(new HttpClient { BaseAddress = BaseAddress });
    }

    /// <summary>Its clients watch it live: real time.</summary>
    protected override bool InjectTime => false;
}
