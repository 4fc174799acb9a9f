namespace TaobaoLive.Grains.Persistence;

/// <summary>Grain storage provider names, declared once.</summary>
public static class StorageNames
{
    /// <summary>State of shops, villages, towns, areas and clusters.</summary>
    public const string Grains = "TaobaoLive";

    /// <summary>Stream pub-sub state (Orleans' conventional name).</summary>
    public const string PubSub = "PubSubStore";
}
