namespace TaobaoLive.Grains.Live;

/// <summary>The hosts registered with the live feed: observer id to registration lifetime, and to its silo when it named one.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.LiveFeedState")]
public sealed class LiveFeedState
{
    [Id(0)] public Dictionary<string, TimeSpan> Hosts { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, SiloAddress> Silos { get; set; } = new(StringComparer.Ordinal);
}
