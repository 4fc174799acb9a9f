namespace TaobaoLive.Host.Hosting;

/// <summary>
/// Where the host finds appsettings.json and wwwroot. ASP.NET Core looks in the current directory;
/// a published host started from elsewhere (<c>dotnet /opt/taobaolive/TaobaoLive.Host.dll</c>) then
/// served no pages and ran without its settings (every request and placement logged). When the
/// current directory has no appsettings.json but the application's own directory has, that is used.
/// An explicit <c>--contentRoot</c> or ASPNETCORE_/DOTNET_CONTENTROOT still wins.
/// </summary>
public static class ContentRoot
{
    public static string? Choose(string[] args, string currentDirectory, string applicationDirectory)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (explicitRoot || File.Exists(Path.Combine(currentDirectory, "appsettings.json")))
        {
            return null;
        }

        return File.Exists(Path.Combine(applicationDirectory, "appsettings.json")) ? applicationDirectory : null;
    }
}
