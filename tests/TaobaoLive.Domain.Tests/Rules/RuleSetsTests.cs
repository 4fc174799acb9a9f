using TaobaoLive.Domain.Rules;
using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Rules;

public sealed class RuleSetsTests
{
    [Theory]
    [InlineData("aliresearch-2015", "aliresearch-2015")]
    [InlineData("ALIRESEARCH-2014", "aliresearch-2014")]
    [InlineData("  aliresearch-2020 ", "aliresearch-2020")]
    public void Named_rule_sets_are_found_case_insensitively(string name, string expected)
    {
        Assert.True(RuleSets.TryGet(name, out var rules));
        Assert.Equal(expected, rules.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aliresearch-2016")]
    public void Unknown_names_are_refused_with_the_valid_ones(string? name)
    {
        Assert.False(RuleSets.TryGet(name, out _));
        var error = Assert.Throws<ArgumentException>(() => RuleSets.Get(name!));
        Assert.StartsWith($"'{name}' is not a rule set; use one of: aliresearch-2015, aliresearch-2014, aliresearch-2020.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_2015_with_annual_windows()
    {
        Assert.Same(RuleSets.Aliresearch2015, RuleSets.Default);
        Assert.Equal(
            (1_000_000_000L, 100, 10, 3, 10, 10_000_000_000L, 30, 365, 365),
            (RuleSets.Default.VillageMinTurnoverFen, RuleSets.Default.VillageMinActiveShops, RuleSets.Default.VillageMinHouseholdSharePercent,
             RuleSets.Default.TownMinTaobaoVillages, RuleSets.Default.ClusterMinVillages, RuleSets.Default.ClusterMinTurnoverFen,
             RuleSets.Default.LargeClusterMinVillages, RuleSets.Default.TurnoverWindow.Days, RuleSets.Default.ActivityWindow.Days));
        Assert.Null(RuleSets.Default.TownAlternativeTurnoverAboveFen);
        Assert.Equal(new TrailingWindow(30), (RuleSets.Default with { ActivityWindow = new TrailingWindow(30) }).ActivityWindow);
    }
}
