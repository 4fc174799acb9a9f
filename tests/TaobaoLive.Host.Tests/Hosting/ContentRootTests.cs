using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Tests.Hosting;

public sealed class ContentRootTests : IDisposable
{
    private readonly string _here = Directory.CreateTempSubdirectory("taobaolive-cwd-").FullName;
    private readonly string _app = Directory.CreateTempSubdirectory("taobaolive-app-").FullName;

    public ContentRootTests() => File.WriteAllText(Path.Combine(_app, "appsettings.json"), "{}");

    public void Dispose()
    {
        Directory.Delete(_here, recursive: true);
        Directory.Delete(_app, recursive: true);
    }

    [Fact]
    public void A_host_started_from_another_directory_uses_its_own()
    {
        Assert.Equal(_app, ContentRoot.Choose([], _here, _app));
    }

    [Fact]
    public void The_current_directory_wins_when_it_has_settings()
    {
        File.WriteAllText(Path.Combine(_here, "appsettings.json"), "{}");

        Assert.Null(ContentRoot.Choose([], _here, _app));
    }

    [Fact]
    public void An_explicit_content_root_is_left_to_ASP_NET_Core()
    {
        Assert.Null(ContentRoot.Choose(["--contentRoot", "/srv/x"], _here, _app));
        Assert.Null(ContentRoot.Choose(["--contentRoot=/srv/x"], _here, _app));
    }

    [Fact]
    public void Without_settings_anywhere_nothing_changes()
    {
        File.Delete(Path.Combine(_app, "appsettings.json"));

        Assert.Null(ContentRoot.Choose([], _here, _app));
    }
}
