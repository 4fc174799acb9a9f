namespace TaobaoLive.Grains.Hosting;

/// <summary>Keys of services that must not collide with Orleans' own registrations.</summary>
public static class TaobaoLiveServiceKeys
{
    /// <summary>
    /// The time provider behind business time. Kept apart from the process-wide
    /// <see cref="TimeProvider"/> so tests can drive business time without freezing Orleans' timers.
    /// </summary>
    public const string Time = "TaobaoLive.Time";
}
