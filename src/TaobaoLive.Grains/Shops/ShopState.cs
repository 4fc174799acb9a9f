using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Shops;

/// <summary>Only what a shop needs: its village, its own day buckets within the window, counters.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ShopState")]
public sealed class ShopState
{
    [Id(0)] public string? VillageId { get; set; }

    [Id(1)] public string? Name { get; set; }

    [Id(2)] public long Seq { get; set; }

    [Id(3)] public List<DayTurnover> Days { get; set; } = [];

    [Id(4)] public DateTimeOffset? LastPaidAt { get; set; }

    [Id(5)] public long Orders { get; set; }

    [Id(6)] public long Refunds { get; set; }

    /// <summary>Ids of the last keyed batches applied, oldest first (null until the first one).</summary>
    [Id(7)] public List<Guid>? AppliedBatches { get; set; }
}
