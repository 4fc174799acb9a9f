namespace TaobaoLive.Domain.Rules;

public static class ClusterRules
{
    /// <summary>A cluster: at least the minimum contiguous Taobao villages and combined turnover; large from the large minimum.</summary>
    public static ClusterGrade Grade(RuleSet rules, int villages, long combinedAnnualTurnoverFen)
    {
        if (villages < rules.ClusterMinVillages || combinedAnnualTurnoverFen < rules.ClusterMinTurnoverFen)
        {
            return ClusterGrade.None;
        }

        return villages >= rules.LargeClusterMinVillages ? ClusterGrade.LargeCluster : ClusterGrade.Cluster;
    }
}
