namespace TaobaoLive.Abstractions.Events;

/// <summary>Every transition the platform reports. Numeric values are persisted: append only.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.StatusChangeKind")]
public enum StatusChangeKind
{
    /// <summary>A village became a Taobao village, or a town a Taobao town.</summary>
    Qualified = 0,

    /// <summary>A village or town lost its status (turnover or shops fell, or the window slid past its orders).</summary>
    Lapsed = 1,

    ClusterFormed = 2,
    ClusterGrew = 3,
    ClusterShrank = 4,
    ClusterMerged = 5,
    ClusterSplit = 6,
    ClusterDissolved = 7,
    ClusterBecameLarge = 8,
    ClusterNoLongerLarge = 9,
}
