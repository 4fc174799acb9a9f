using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Rules;

public static class VillageRules
{
    /// <summary>
    /// Taobao village: turnover at least the minimum, and active shops at least the minimum count or
    /// at least the household share. The share is compared in integers (shops × 100 ≥ households ×
    /// percent), which is "10%, rounded up": 1,005 households need 101 shops. Unknown (or zero)
    /// households: the share criterion is not applied.
    /// </summary>
    public static VillageVerdict Evaluate(RuleSet rules, VillageFigures figures)
    {
        var turnoverMet = figures.AnnualTurnoverFen >= rules.VillageMinTurnoverFen;
        var shopsMet = figures.ActiveShops >= rules.VillageMinActiveShops;
        int? shareShortfall = null;
        var shareMet = false;
        if (figures.Households is > 0 and var households)
        {
            var needed = ShopsForHouseholdShare(rules, households);
            shareMet = figures.ActiveShops >= needed;
            shareShortfall = Math.Max(0, needed - figures.ActiveShops);
        }

        var qualifies = turnoverMet && (shopsMet || shareMet);
        return new VillageVerdict(
            qualifies,
            turnoverMet,
            shopsMet,
            shareMet,
            Math.Max(0, rules.VillageMinTurnoverFen - figures.AnnualTurnoverFen),
            Math.Max(0, rules.VillageMinActiveShops - figures.ActiveShops),
            shareShortfall,
            Reason(rules, figures, turnoverMet, shopsMet, shareMet));
    }

    /// <summary>Active shops that make the household share: the percent of <paramref name="households"/>, rounded up.</summary>
    public static int ShopsForHouseholdShare(RuleSet rules, int households) =>
        (int)((((long)households * rules.VillageMinHouseholdSharePercent) + 99) / 100);

    private static string Reason(RuleSet rules, VillageFigures figures, bool turnoverMet, bool shopsMet, bool shareMet)
    {
        var turnover = turnoverMet
            ? $"annual turnover {Yuan.FormatGrouped(figures.AnnualTurnoverFen)} >= {Yuan.FormatGrouped(rules.VillageMinTurnoverFen)}"
            : $"annual turnover {Yuan.FormatGrouped(figures.AnnualTurnoverFen)} is {Yuan.FormatGrouped(rules.VillageMinTurnoverFen - figures.AnnualTurnoverFen)} below {Yuan.FormatGrouped(rules.VillageMinTurnoverFen)}";
        var pct = rules.VillageMinHouseholdSharePercent;
        var shops = (shopsMet, shareMet, figures.Households) switch
        {
            (true, _, _) => $"{figures.ActiveShops} active shops >= {rules.VillageMinActiveShops}",
            (_, true, var h) => $"{figures.ActiveShops} active shops are at least {pct}% of {h} households",
            (_, _, > 0 and var h) => $"{figures.ActiveShops} active shops < {rules.VillageMinActiveShops} and below {pct}% of {h} households ({ShopsForHouseholdShare(rules, h)} needed)",
            _ => $"{figures.ActiveShops} active shops < {rules.VillageMinActiveShops} (households unknown)",
        };
        return $"{turnover}; {shops}";
    }
}
