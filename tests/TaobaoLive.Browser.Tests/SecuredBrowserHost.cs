using TaobaoLive.Client;

namespace TaobaoLive.Browser.Tests;

/// <summary>The real host on a loopback Kestrel port with one viewer key: pages need a sign-in.</summary>
public sealed class SecuredBrowserHost : LoopbackHost, IAsyncLifetime
{
    public const string ViewerKey = "tlk_browser_viewer_5a4b3c2d1e0f5a4b3c2d1e0f";

    public Task InitializeAsync()
    {
        Listen();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TaobaoLive:Auth:Keys:0:Name"] = "browser",
        ["TaobaoLive:Auth:Keys:0:Role"] = "viewer",
        ["TaobaoLive:Auth:Keys:0:Sha256"] = TaobaoLiveKeys.Sha256(ViewerKey),
    };
}
