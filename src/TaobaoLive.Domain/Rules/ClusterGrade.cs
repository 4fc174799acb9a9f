namespace TaobaoLive.Domain.Rules;

public enum ClusterGrade
{
    None = 0,
    Cluster = 1,
    LargeCluster = 2,
}
