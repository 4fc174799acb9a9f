using TaobaoLive.Simulation.World;

namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>A host on the Event clock over a small synthetic geography: twelve villages of one town.</summary>
public sealed class ReplayHostFixture : HostFixture
{
    public const int Seed = 7;

    public string GeographyFile { get; } = WriteGeography();

    /// <summary>After the replayed year: its orders are all in the past.</summary>
    protected override DateTimeOffset WallStart => new(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(8));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["TaobaoLive:Clock"] = "Event",
        ["TaobaoLive:MaxRequestBytes"] = "16777216",
        ["TaobaoLive:Geography"] = GeographyFile,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(GeographyFile);
    }

    private static string WriteGeography()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taobaolive-replay-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, SyntheticGeography.Tsv(12, Seed));
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class ReplayHostCollection : ICollectionFixture<ReplayHostFixture>
{
    public const string Name = "replay host";
}
