using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Rules;

/// <summary>A named set of thresholds. Money in fen; see <see cref="RuleSets"/> for the published ones.</summary>
public sealed record RuleSet
{
    public required string Name { get; init; }

    public required long VillageMinTurnoverFen { get; init; }

    public required int VillageMinActiveShops { get; init; }

    /// <summary>Active shops as a share of households, in percent (the alternative to the shop count).</summary>
    public int VillageMinHouseholdSharePercent { get; init; } = 10;

    public int TownMinTaobaoVillages { get; init; } = 3;

    /// <summary>The later alternative town criterion: annual turnover strictly above this (null: not applied).</summary>
    public long? TownAlternativeTurnoverAboveFen { get; init; }

    /// <summary>…together with strictly more than this many active shops.</summary>
    public int? TownAlternativeActiveShopsAbove { get; init; }

    public int ClusterMinVillages { get; init; } = 10;

    public long ClusterMinTurnoverFen { get; init; } = 100_000_000_00;

    public int LargeClusterMinVillages { get; init; } = 30;

    public TrailingWindow TurnoverWindow { get; init; } = TrailingWindow.Annual;

    public TrailingWindow ActivityWindow { get; init; } = TrailingWindow.Annual;
}
