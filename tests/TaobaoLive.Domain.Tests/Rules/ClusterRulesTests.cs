using TaobaoLive.Domain.Rules;

namespace TaobaoLive.Domain.Tests.Rules;

public sealed class ClusterRulesTests
{
    private const long Hundred = 100_000_000_00;

    [Theory]
    [InlineData(9, Hundred * 2, ClusterGrade.None)]
    [InlineData(10, Hundred, ClusterGrade.Cluster)]
    [InlineData(10, Hundred - 1, ClusterGrade.None)]
    [InlineData(11, Hundred, ClusterGrade.Cluster)]
    [InlineData(29, Hundred, ClusterGrade.Cluster)]
    [InlineData(30, Hundred, ClusterGrade.LargeCluster)]
    [InlineData(30, Hundred - 1, ClusterGrade.None)]
    [InlineData(31, Hundred * 5, ClusterGrade.LargeCluster)]
    [InlineData(0, 0, ClusterGrade.None)]
    public void Grades_at_the_boundaries(int villages, long turnover, ClusterGrade grade)
    {
        foreach (var rules in RuleSets.All)
        {
            Assert.Equal(grade, ClusterRules.Grade(rules, villages, turnover));
        }
    }
}
