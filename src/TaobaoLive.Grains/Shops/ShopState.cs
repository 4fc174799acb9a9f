using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Shops;

/// <summary>Only what a shop needs: its village, its own day buckets within the window, counters.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ShopState")]
public sealed class ShopState : ICleanShutdown
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

    /// <summary>Durable store: which committed journal entries this state holds, per writer (null until the first).</summary>
    [Id(8)] public List<WriterMark>? Journal { get; set; }

    /// <summary>Written by a graceful deactivation; a state without it may be missing journal entries (a crash).</summary>
    [Id(9)] public bool Clean { get; set; }

    /// <summary>A copy that shares nothing changeable with this state, with <paramref name="days"/> as its day buckets.</summary>
    public ShopState CopyWith(List<DayTurnover> days) => new()
    {
        VillageId = VillageId,
        Name = Name,
        Seq = Seq,
        Days = days,
        LastPaidAt = LastPaidAt,
        Orders = Orders,
        Refunds = Refunds,
        AppliedBatches = AppliedBatches is null ? null : [.. AppliedBatches],
        Journal = Journal?.ConvertAll(m => new WriterMark { Writer = m.Writer, Floor = m.Floor, Applied = [.. m.Applied], LastSeen = m.LastSeen }),
        Clean = Clean,
    };
}
