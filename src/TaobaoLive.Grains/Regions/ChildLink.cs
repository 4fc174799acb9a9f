using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Grains.Regions;

/// <summary>What a parent remembers of one child: the last sequence applied and its latest counts.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ChildLink")]
public sealed class ChildLink : IChildLink
{
    [Id(0)] public long LastSeq { get; set; }

    [Id(1)] public RegionCounts Counts { get; set; } = RegionCounts.Zero;

    /// <summary>The child activation the last applied report came from.</summary>
    [Id(2)] public long Epoch { get; set; }
}
