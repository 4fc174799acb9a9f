namespace TaobaoLive.Domain.Clusters;

/// <summary>Cluster transitions, in the order a batch's changes are reported.</summary>
public enum ClusterChangeKind
{
    Formed = 0,
    Grew = 1,
    Shrank = 2,
    Merged = 3,
    Split = 4,
    Dissolved = 5,
    BecameLarge = 6,
    NoLongerLarge = 7,
}
