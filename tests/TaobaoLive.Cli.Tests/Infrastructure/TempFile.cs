using System.Text;

namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>A UTF-8 file in the temp directory, deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string extension, params string[] lines)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"taobaolive-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
