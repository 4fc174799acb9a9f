namespace TaobaoLive.Domain.Rules;

/// <summary>A village's numbers at the current clock. <see cref="Households"/> null means unknown.</summary>
public readonly record struct VillageFigures(long AnnualTurnoverFen, int ActiveShops, int? Households);
