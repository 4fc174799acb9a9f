using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Rules;

public static class TownRules
{
    /// <summary>
    /// Taobao town: at least the minimum number of Taobao villages; under rule sets with the later
    /// alternative, also annual turnover strictly above its threshold with strictly more active shops.
    /// </summary>
    public static TownVerdict Evaluate(RuleSet rules, TownFigures figures)
    {
        var countMet = figures.TaobaoVillages >= rules.TownMinTaobaoVillages;
        var alternativeMet = rules.TownAlternativeTurnoverAboveFen is { } turnoverAbove
            && rules.TownAlternativeActiveShopsAbove is { } shopsAbove
            && figures.AnnualTurnoverFen > turnoverAbove
            && figures.ActiveShops > shopsAbove;
        var count = countMet
            ? $"{figures.TaobaoVillages} Taobao villages >= {rules.TownMinTaobaoVillages}"
            : $"{figures.TaobaoVillages} Taobao villages < {rules.TownMinTaobaoVillages}";
        var reason = rules.TownAlternativeTurnoverAboveFen is { } above && rules.TownAlternativeActiveShopsAbove is { } shops
            ? $"{count}; annual turnover {Yuan.FormatGrouped(figures.AnnualTurnoverFen)} with {figures.ActiveShops} active shops {(alternativeMet ? "is" : "is not")} above {Yuan.FormatGrouped(above)} with more than {shops}"
            : count;
        return new TownVerdict(
            countMet || alternativeMet,
            countMet,
            alternativeMet,
            Math.Max(0, rules.TownMinTaobaoVillages - figures.TaobaoVillages),
            reason);
    }
}
