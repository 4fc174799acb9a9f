using TaobaoLive.Client;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>
/// The host tests' host (<see cref="TaobaoLiveHostFactory"/>) with its HTTP client and a 64 KiB
/// request limit. Derived fixtures add settings (a geography file, the Event clock).
/// </summary>
public class HostFixture : TaobaoLiveHostFactory, IAsyncLifetime
{
    public TaobaoLiveClient Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TaobaoLive:MaxRequestBytes"] = "65536",
    };

    public virtual Task InitializeAsync()
    {
        Http = CreateClient();
        Api = new TaobaoLiveClient(Http);
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
