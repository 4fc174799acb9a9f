namespace TaobaoLive.Deploy.Tests;

/// <summary>Files of this checkout (the tests read deploy/ as an operator gets it).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TaobaoLive.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TaobaoLive.sln not found above the test's directory");
    }
}
