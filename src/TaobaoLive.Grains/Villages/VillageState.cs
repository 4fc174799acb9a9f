using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Villages;

[GenerateSerializer]
[Alias("TaobaoLive.VillageState")]
public sealed class VillageState : IParentState<ShopLink>
{
    [Id(0)] public Dictionary<string, ShopLink> Shops { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public List<DayTurnover> Days { get; set; } = [];

    [Id(2)] public RegionStatus Status { get; set; }

    [Id(3)] public DateTimeOffset? StatusSince { get; set; }

    [Id(4)] public string? StatusCause { get; set; }

    [Id(5)] public List<StatusChanged> History { get; set; } = [];

    [Id(6)] public long Gaps { get; set; }

    [Id(7)] public long TownSeq { get; set; }

    [Id(8)] public RegionCounts? LastReported { get; set; }

    [Id(9)] public long StandingSeq { get; set; }

    /// <summary>Annual turnover last sent to the cluster grain (null: never sent).</summary>
    [Id(10)] public long? LastStandingTurnover { get; set; }

    [Id(11)] public bool LastStandingQualified { get; set; }

    /// <summary>True only in the state written by a graceful deactivation (see <see cref="Persistence.ICleanShutdown"/>).</summary>
    [Id(12)] public bool Clean { get; set; }

    Dictionary<string, ShopLink> IParentState<ShopLink>.Links => Shops;

    long IParentState<ShopLink>.UpSeq
    {
        get => TownSeq;
        set => TownSeq = value;
    }
}
