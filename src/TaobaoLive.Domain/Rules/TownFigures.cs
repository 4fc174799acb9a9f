namespace TaobaoLive.Domain.Rules;

public readonly record struct TownFigures(int TaobaoVillages, long AnnualTurnoverFen, int ActiveShops);
