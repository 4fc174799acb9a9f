namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// When the regions rebuild from their children once the cluster has been quiet for
/// <paramref name="quietFor"/> after a sign of trouble: a change of the membership (a silo joined,
/// stopped, died or was declared dead) or an activation that could not write its state. Reports
/// travel upward through memory; one lost after the last rebuild (a silo stopping with it in its
/// outbox, a second activation while the directory heals) is otherwise seen only when the same child
/// reports again, and a child that never does leaves its parent short for good. Each new sign pushes
/// the rebuild out, so a rolling restart rebuilds once, after its last step.
/// </summary>
internal sealed class SettledRebuild(TimeSpan quietFor, TimeProvider time)
{
    private long? _membershipVersion;
    private DateTimeOffset? _due;

    /// <summary>The rebuild is due: the cluster has been quiet long enough since the last sign.</summary>
    public bool Due => _due is { } due && time.GetUtcNow() >= due;

    /// <summary>The membership as this silo sees it now; a version other than the last one seen is a sign (the first one too: a silo that starts is one).</summary>
    public void Observe(long membershipVersion)
    {
        if (_membershipVersion != membershipVersion)
        {
            _membershipVersion = membershipVersion;
            Disturbed();
        }
    }

    public void Disturbed() => _due = time.GetUtcNow() + quietFor;

    /// <summary>
    /// Every region rebuilt in a pass that began at <paramref name="startedAt"/>: a rebuild that
    /// was due by then is done (one from a silo's recovery counts); a sign that came later still
    /// waits for its own.
    /// </summary>
    public void Rebuilt(DateTimeOffset startedAt)
    {
        if (_due is { } due && due <= startedAt)
        {
            _due = null;
        }
    }
}
