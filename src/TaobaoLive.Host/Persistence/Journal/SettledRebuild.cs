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

    // Due after the last membership change (watched by the recoverer only) and after the last sign
    // of this silo's own (an activation that owed its effects), kept apart: a silo that stops
    // watching the membership forgets the first and keeps the second.
    private DateTimeOffset? _membershipDue;
    private DateTimeOffset? _localDue;

    /// <summary>The rebuild is due: the cluster has been quiet long enough since the last sign.</summary>
    public bool Due => IsDue(_membershipDue) || IsDue(_localDue);

    /// <summary>The membership as this silo sees it now; a version other than the last one seen is a sign (the first one too: a silo that starts is one).</summary>
    public void Observe(long membershipVersion)
    {
        if (_membershipVersion != membershipVersion)
        {
            _membershipVersion = membershipVersion;
            _membershipDue = time.GetUtcNow() + quietFor;
        }
    }

    /// <summary>
    /// This silo no longer watches the membership (another silo, with a lower address, has become the
    /// one that recovers): what its changes made due is that silo's to rebuild. A silo that started
    /// alone and saw the others join kept that rebuild due and ran it in the middle of the other
    /// silo's recovery, asking every shop a second time while the silos were busiest.
    /// </summary>
    public void StopWatchingMembership()
    {
        _membershipVersion = null;
        _membershipDue = null;
    }

    /// <summary>A sign of this silo's own (an activation that could not write its state).</summary>
    public void Disturbed() => _localDue = time.GetUtcNow() + quietFor;

    /// <summary>
    /// Every region rebuilt in a pass that began at <paramref name="startedAt"/>: a rebuild that
    /// was due by then is done (one from a silo's recovery counts); a sign that came later still
    /// waits for its own.
    /// </summary>
    public void Rebuilt(DateTimeOffset startedAt)
    {
        if (_membershipDue is { } membership && membership <= startedAt)
        {
            _membershipDue = null;
        }

        if (_localDue is { } local && local <= startedAt)
        {
            _localDue = null;
        }
    }

    private bool IsDue(DateTimeOffset? due) => due is { } at && time.GetUtcNow() >= at;
}
