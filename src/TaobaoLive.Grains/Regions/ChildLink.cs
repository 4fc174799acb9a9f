using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Grains.Regions;

/// <summary>What a parent remembers of one child: the last sequence applied and its latest counts.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ChildLink")]
public sealed class ChildLink : IChildLink
{
    [Id(0)] public long LastSeq { get; set; }

    // A fresh instance, never the shared RegionCounts.Zero: the embedded memory storage's JSON reader
    // fills an existing property value in place, which overwrote Zero for the whole process (and
    // failed outright on a state with two links) when a town or area was read back from it.
    [Id(1)] public RegionCounts Counts { get; set; } = new(0, 0, 0, 0, 0);

    /// <summary>The child activation the last applied report came from.</summary>
    [Id(2)] public long Epoch { get; set; }
}
