using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Villages;

/// <summary>What a village remembers of one shop: the last sequence applied and its newest paid day.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ShopLink")]
public sealed class ShopLink : IChildLink
{
    [Id(0)] public long LastSeq { get; set; }

    /// <summary>Business day of the shop's newest paid order; <see cref="int.MinValue"/> if none.</summary>
    [Id(1)] public int LastPaidDay { get; set; } = int.MinValue;

    /// <summary>The shop activation the last applied report came from.</summary>
    [Id(2)] public long Epoch { get; set; }
}
