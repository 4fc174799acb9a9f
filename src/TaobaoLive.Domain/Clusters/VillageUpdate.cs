namespace TaobaoLive.Domain.Clusters;

/// <summary>A village's standing: whether it is a Taobao village now, and its annual turnover.</summary>
public readonly record struct VillageUpdate(string VillageId, bool IsTaobaoVillage, long AnnualTurnoverFen);
