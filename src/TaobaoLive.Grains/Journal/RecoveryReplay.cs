namespace TaobaoLive.Grains.Journal;

/// <summary>
/// A recovery's <c>Replay</c> call names itself in the request context, so a shop that the call
/// activates skips its own read of the journal: the call brings the shop's parts, from a read that
/// started after the silo that held the shop had left (silent for
/// <c>JournalKeeper.SilentFor</c>), so after every entry that silo's activation of the shop applied.
/// Entries committed since reach the new activation as live calls. After a whole-cluster restart
/// (82,458 shops in the journal) each activation the recovery made read the whole journal again
/// through the shops' shared reads, and the recovery had not finished its replays 48 s later.
/// </summary>
public static class RecoveryReplay
{
    private const string Key = "taobaolive.replay.parts-follow";

    /// <summary>Makes <paramref name="call"/> (a shop's <c>Replay</c> with the parts of a recovery's read) carry the mark.</summary>
    public static async Task Call(Func<Task> call)
    {
        RequestContext.Set(Key, true);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }

    /// <summary>
    /// In a shop's activation: true when the call that activated it is a recovery's replay (Orleans
    /// gives the activation that call's request context). The mark is removed, so no call the shop
    /// makes from here passes it on.
    /// </summary>
    public static bool PartsFollow()
    {
        if (RequestContext.Get(Key) is not true)
        {
            return false;
        }

        RequestContext.Remove(Key);
        return true;
    }
}
