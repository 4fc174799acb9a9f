using TaobaoLive.Domain.Rules;

namespace TaobaoLive.Domain.Tests.Rules;

public sealed class TownRulesTests
{
    private const long Thirty = 30_000_000_00;

    public static TheoryData<string, int, long, int, bool> Boundaries => new()
    {
        // rule set, Taobao villages, annual turnover (fen), active shops, qualifies
        { "aliresearch-2015", 2, 0, 0, false },
        { "aliresearch-2015", 3, 0, 0, true },
        { "aliresearch-2015", 4, 0, 0, true },
        { "aliresearch-2014", 2, Thirty * 10, 10_000, false },
        { "aliresearch-2014", 3, 0, 0, true },
        // 2015 ignores the later alternative criterion.
        { "aliresearch-2015", 0, Thirty + 1, 301, false },
        { "aliresearch-2020", 3, 0, 0, true },
        { "aliresearch-2020", 0, Thirty, 301, false },      // not above RMB 30 million
        { "aliresearch-2020", 0, Thirty + 1, 300, false },  // not more than 300 shops
        { "aliresearch-2020", 0, Thirty + 1, 301, true },
        { "aliresearch-2020", 2, Thirty + 1, 301, true },
        { "aliresearch-2020", 2, Thirty, 300, false },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Qualifies_exactly_at_the_thresholds(string ruleSet, int taobaoVillages, long turnover, int shops, bool qualifies)
    {
        var verdict = TownRules.Evaluate(RuleSets.Get(ruleSet), new TownFigures(taobaoVillages, turnover, shops));

        Assert.Equal(qualifies, verdict.Qualifies);
    }

    [Fact]
    public void The_verdict_tells_which_criterion_and_how_many_villages_are_missing()
    {
        Assert.Equal(
            new TownVerdict(false, false, false, 1, "2 Taobao villages < 3"),
            TownRules.Evaluate(RuleSets.Aliresearch2015, new TownFigures(2, 0, 0)));
        Assert.Equal(
            new TownVerdict(true, false, true, 3, "0 Taobao villages < 3; annual turnover RMB 30,000,000.01 with 301 active shops is above RMB 30,000,000.00 with more than 300"),
            TownRules.Evaluate(RuleSets.Aliresearch2020, new TownFigures(0, Thirty + 1, 301)));
    }
}
