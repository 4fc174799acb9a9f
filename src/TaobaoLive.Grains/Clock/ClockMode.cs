namespace TaobaoLive.Grains.Clock;

/// <summary>Where business time comes from.</summary>
public enum ClockMode
{
    /// <summary>Live: business time is wall time.</summary>
    Wall = 0,

    /// <summary>Replays: business time follows the newest ingested <c>paidAt</c>, cluster-wide.</summary>
    Event = 1,
}
