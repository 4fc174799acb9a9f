using TaobaoLive.Domain.Rules;

namespace TaobaoLive.Domain.Tests.Rules;

public sealed class VillageRulesTests
{
    private const long Threshold = 10_000_000_00;

    public static TheoryData<string, long, int, int?, bool> Boundaries => new()
    {
        // rule set, annual turnover (fen), active shops, households, qualifies
        { "aliresearch-2015", Threshold, 100, null, true },
        { "aliresearch-2015", Threshold - 1, 100, null, false },
        { "aliresearch-2015", Threshold, 99, null, false },
        { "aliresearch-2015", Threshold, 101, null, true },
        { "aliresearch-2015", Threshold + 1, 100, null, true },
        { "aliresearch-2015", 0, 1000, null, false },
        { "aliresearch-2015", long.MaxValue / 2, 0, null, false },
        { "aliresearch-2014", Threshold, 49, null, false },
        { "aliresearch-2014", Threshold, 50, null, true },
        { "aliresearch-2014", Threshold, 51, null, true },
        { "aliresearch-2014", Threshold - 1, 51, null, false },
        { "aliresearch-2020", Threshold, 100, null, true },
        { "aliresearch-2020", Threshold, 99, null, false },
        // 10% of households, rounded up: shops × 100 ≥ households × 10.
        { "aliresearch-2015", Threshold, 99, 1000, false },
        { "aliresearch-2015", Threshold, 100, 1000, true },
        { "aliresearch-2015", Threshold, 100, 1005, true }, // the shop count alone suffices
        { "aliresearch-2015", Threshold, 60, 600, true },
        { "aliresearch-2015", Threshold, 59, 600, false },
        { "aliresearch-2015", Threshold, 60, 601, false },
        { "aliresearch-2015", Threshold, 61, 601, true },
        { "aliresearch-2015", Threshold, 99, 999, false },
        { "aliresearch-2015", Threshold, 1, 10, true },
        { "aliresearch-2015", Threshold, 1, 11, false },
        { "aliresearch-2015", Threshold - 1, 1, 10, false },
        // Households unknown: the share criterion is not applied.
        { "aliresearch-2015", Threshold, 60, null, false },
        { "aliresearch-2015", Threshold, 60, 0, false },
        { "aliresearch-2014", Threshold, 30, 300, true },
        { "aliresearch-2014", Threshold, 29, 300, false },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Qualifies_exactly_at_the_thresholds(string ruleSet, long turnover, int shops, int? households, bool qualifies)
    {
        var verdict = VillageRules.Evaluate(RuleSets.Get(ruleSet), new VillageFigures(turnover, shops, households));

        Assert.Equal(qualifies, verdict.Qualifies);
    }

    [Fact]
    public void Shortfalls_say_how_far_a_village_is_from_each_threshold()
    {
        var verdict = VillageRules.Evaluate(RuleSets.Aliresearch2015, new VillageFigures(Threshold - 1, 97, 1005));

        Assert.Equal(
            new VillageVerdict(false, false, false, false, 1, 3, 4, verdict.Reason),
            verdict);
        Assert.Equal(
            "annual turnover RMB 9,999,999.99 is RMB 0.01 below RMB 10,000,000.00; 97 active shops < 100 and below 10% of 1005 households (101 needed)",
            verdict.Reason);
    }

    [Fact]
    public void A_qualifying_village_has_no_shortfalls_and_says_why()
    {
        var verdict = VillageRules.Evaluate(RuleSets.Aliresearch2015, new VillageFigures(Threshold, 100, null));

        Assert.Equal(new VillageVerdict(true, true, true, false, 0, 0, null, verdict.Reason), verdict);
        Assert.Equal("annual turnover RMB 10,000,000.00 >= RMB 10,000,000.00; 100 active shops >= 100", verdict.Reason);
    }

    [Fact]
    public void Unknown_households_are_said_so()
    {
        var verdict = VillageRules.Evaluate(RuleSets.Aliresearch2015, new VillageFigures(Threshold, 60, null));

        Assert.Null(verdict.HouseholdShareShortfall);
        Assert.Equal("annual turnover RMB 10,000,000.00 >= RMB 10,000,000.00; 60 active shops < 100 (households unknown)", verdict.Reason);
    }

    [Fact]
    public void The_household_share_reason_names_the_households()
    {
        var verdict = VillageRules.Evaluate(RuleSets.Aliresearch2015, new VillageFigures(Threshold, 61, 601));

        Assert.True(verdict.HouseholdShareMet);
        Assert.Equal(0, verdict.HouseholdShareShortfall);
        Assert.Equal("annual turnover RMB 10,000,000.00 >= RMB 10,000,000.00; 61 active shops are at least 10% of 601 households", verdict.Reason);
    }
}
