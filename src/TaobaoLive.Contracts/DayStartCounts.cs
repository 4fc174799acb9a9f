namespace TaobaoLive.Contracts;

/// <summary>The country's Taobao villages, towns and clusters as the business day began.</summary>
public sealed record DayStartCounts(int TaobaoVillages, int TaobaoTowns, int Clusters);
