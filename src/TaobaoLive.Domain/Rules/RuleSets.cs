namespace TaobaoLive.Domain.Rules;

/// <summary>The rule sets AliResearch has published, by name.</summary>
public static class RuleSets
{
    /// <summary>
    /// AliResearch 2015: annual e-commerce turnover of at least RMB 10 million and at least 100 active
    /// shops or active shops numbering at least 10% of households; a Taobao town has at least 3 Taobao
    /// villages; a cluster is 10 or more contiguous Taobao villages with combined turnover of at least
    /// RMB 100 million, large-scale from 30.
    /// </summary>
    public static RuleSet Aliresearch2015 { get; } = new()
    {
        Name = "aliresearch-2015",
        VillageMinTurnoverFen = 10_000_000_00,
        VillageMinActiveShops = 100,
    };

    /// <summary>AliResearch 2014: as 2015 but 50 active shops.</summary>
    public static RuleSet Aliresearch2014 { get; } = Aliresearch2015 with
    {
        Name = "aliresearch-2014",
        VillageMinActiveShops = 50,
    };

    /// <summary>
    /// AliResearch's later criteria (2020): villages as in 2015; a town also qualifies with annual
    /// turnover above RMB 30 million and more than 300 active shops.
    /// </summary>
    public static RuleSet Aliresearch2020 { get; } = Aliresearch2015 with
    {
        Name = "aliresearch-2020",
        TownAlternativeTurnoverAboveFen = 30_000_000_00,
        TownAlternativeActiveShopsAbove = 300,
    };

    public static RuleSet Default => Aliresearch2015;

    public static IReadOnlyList<RuleSet> All { get; } = [Aliresearch2015, Aliresearch2014, Aliresearch2020];

    public static bool TryGet(string? name, out RuleSet ruleSet)
    {
        var wanted = name?.Trim();
        ruleSet = All.FirstOrDefault(r => string.Equals(r.Name, wanted, StringComparison.OrdinalIgnoreCase))!;
        return ruleSet is not null;
    }

    public static RuleSet Get(string name) =>
        TryGet(name, out var ruleSet)
            ? ruleSet
            : throw new ArgumentException($"'{name}' is not a rule set; use one of: {string.Join(", ", All.Select(r => r.Name))}.", nameof(name));
}
