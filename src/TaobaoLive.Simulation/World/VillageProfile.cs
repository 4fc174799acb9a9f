namespace TaobaoLive.Simulation.World;

/// <summary>How developed a village's online trade is; decides its shop count and shop sizes.</summary>
public enum VillageProfile
{
    /// <summary>Few shops, small ones: never near the thresholds.</summary>
    Quiet = 0,

    /// <summary>Around a hundred shops and a few million a year: crosses on good days, falls back on bad.</summary>
    Growing = 1,

    /// <summary>Well over a hundred shops and tens of millions a year: an established Taobao village.</summary>
    Hotspot = 2,
}
