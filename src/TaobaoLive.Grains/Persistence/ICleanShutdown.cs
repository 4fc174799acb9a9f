namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// State that says whether it was written by a graceful deactivation. Stored state found without
/// it may be older than what the grain's children reported since (a crash): the grain rebuilds from
/// its children (see <c>ChildRebuild.OnActivateAsync</c>).
/// </summary>
public interface ICleanShutdown
{
    bool Clean { get; set; }
}
