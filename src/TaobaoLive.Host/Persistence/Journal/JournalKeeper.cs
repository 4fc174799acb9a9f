using Npgsql;
using NpgsqlTypes;
using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Diagnostics;
using TaobaoLive.Grains.Journal;

namespace TaobaoLive.Host.Persistence.Journal;

/// <summary>
/// Keeps the order journal short and complete, on every silo every <see cref="Period"/>:
/// <list type="number">
/// <item>reports how far this silo's stored grain state covers what its shops applied;</item>
/// <item>a silo that left (crashed, or stopped) without its effects being known written: every shop
/// in the journal is activated with its parts, so the shops it held come back from their stored
/// state and apply what that state lacks; then its report is dropped;</item>
/// <item>entries no shop was told about within <see cref="StuckAfter"/> (the ingest silo died after
/// the commit, or a shop's silo was lost mid-call) are applied now (shops skip what they hold);</item>
/// <item>entries applied before every live silo's covered mark (less a margin for clocks) are deleted;</item>
/// <item>once the cluster has been quiet for <see cref="QuietBeforeRebuild"/> after a membership change
/// or an activation that owed its effects (a shop's, or a region's whose write was refused), every
/// region above a registered shop rebuilds from its children (<see cref="SettledRebuild"/>);</item>
/// <item>answers to Idempotency-Keys older than a day are deleted; numbering producers' committed
/// ranges are merged into the fewest rows (every ten minutes).</item>
/// </list>
/// It activates nothing at start. The first silo of a restarting cluster is alone in the membership
/// for seconds, and what is activated then lands on it (random placement picks among the active
/// silos): the country activated at start, whose rebuild activates every level down to the shops,
/// put 100,000 shops on one silo of three, whose calls then timed out by the hundred thousand. A
/// restarted cluster comes to exact totals without a reader or a new order by the recovery's
/// rebuild (after a crash) or the settled rebuild (after a graceful stop), bottom-up and 64 calls
/// at a time.
/// Every step is idempotent, so silos may run them at the same time; the recovery of left silos runs
/// on one of them (the active silo with the lowest address).
/// </summary>
public sealed partial class JournalKeeper(
    NpgsqlDataSource dataSource,
    CheckpointTable checkpointTable,
    OrderJournal journal,
    JournalReplayIndex replay,
    PostgresProducerRanges producers,
    CheckpointTracker checkpoints,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    StoreFailureLog failures,
    TimeProvider time,
    TaobaoLiveMetrics metrics,
    GeographyModel geography,
    PostgresShopDirectory directory,
    ILogger<JournalKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(20);

    /// <summary>A silo that has not reported for this long and is not in the membership as alive has left.</summary>
    public static readonly TimeSpan SilentFor = TimeSpan.FromSeconds(20);

    /// <summary>How long a due recovery waits for other silos leaving at the same time (<see cref="GatherLeaving"/>).</summary>
    public static readonly TimeSpan GatherFor = TimeSpan.FromSeconds(5);

    /// <summary>Allowance for clocks of different machines (covered marks and applied times come from each silo's clock).</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(10);

    /// <summary>How many times a recovery calls a shop or region whose call failed before the round gives up (the next round starts over).</summary>
    public const int RecoveryPasses = 4;

    /// <summary>
    /// Recovery calls in flight at once. A whole-cluster restart (82,000 shops, three silos) replayed
    /// the journal in 69.4 s with 1,024 shop replays at once, no faster than with 64: the calls are
    /// not what limits it. (With the replays bringing the parts, 1,024 at once replayed 82,458 shops
    /// in 39.3-50.9 s against 82.3 s with 64 when the villages held their own rebuilds back, but in
    /// the design kept, where they do not, the one restart with 1,024 took 88.4 s, with 82 replays
    /// timed out in placement; three with 64 took 60.4-68.0 s: docs/benchmarks.md, fourteenth session.)
    /// </summary>
    public const int CallsAtOnce = 64;

    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    /// <summary>
    /// How much later than the end of a recovery's replays a live silo's report must come before the
    /// left silo's mark is dropped: a report's mark is taken just before its statement runs.
    /// </summary>
    public static readonly TimeSpan ReportAfterReplay = TimeSpan.FromSeconds(1);

    /// <summary>How long the cluster must be quiet (no membership change, no activation owing its effects) before the regions rebuild once more (<see cref="SettledRebuild"/>).</summary>
    public static readonly TimeSpan QuietBeforeRebuild = TimeSpan.FromSeconds(15);

    // Left silos whose shops this keeper replayed, with the database's time when the replays ended:
    // their marks are dropped once every live silo has reported since (DropRecoveredAsync).
    private readonly Dictionary<string, DateTimeOffset> _recovered = new(StringComparer.Ordinal);

    private readonly SettledRebuild _settled = new(QuietBeforeRebuild, time);

    // Silos not alive wait for this keeper's recovery (which rebuilds the regions itself): the settled rebuild waits too.
    private bool _recoveryPending;
    private long _staleRegionsSeen;

    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private DateTimeOffset _lastExpiry = DateTimeOffset.MinValue;

    /// <summary>Journal rows and bytes at the last count (every ten seconds).</summary>
    public (long Rows, long Bytes, long Records) Size { get; private set; }

    /// <summary>Journal rows this silo deleted since start.</summary>
    public long RowsDeleted { get; private set; }

    public long Recovered { get; private set; }

    /// <summary>When this silo's last pass of region rebuilds (a recovery's or a settled one) began, if any.</summary>
    public DateTimeOffset? RegionsRebuiltAt { get; private set; }

    private string SiloKey => silo.SiloAddress.ToParsableString();

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(JournalKeeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);
        metrics.ObserveGauge("taobaolive.journal.commits", "{commit}", "Group commits of this silo's journal writer since start (each one PostgreSQL round trip and WAL flush for every batch waiting).", () => journal.Commits);
        metrics.ObserveGauge("taobaolive.journal.entries", "{batch}", "Order batches this silo committed to the journal since start.", () => journal.Entries);
        metrics.ObserveGauge("taobaolive.journal.bytes", "By", "Journal entry bytes this silo committed since start.", () => journal.Bytes);
        metrics.ObserveGauge("taobaolive.journal.size.rows", "{batch}", "Entries in the journal now (all silos; counted every ten seconds): what a crash would replay.", () => Size.Rows);
        metrics.ObserveGauge("taobaolive.journal.size.bytes", "By", "Bytes of entries in the journal now (all silos; counted every ten seconds).", () => Size.Bytes);
        metrics.ObserveGauge("taobaolive.journal.truncated", "{batch}", "Journal entries this silo deleted once every silo had written their effects.", () => RowsDeleted);
        metrics.ObserveGauge("taobaolive.journal.recovered.shops", "{shop}", "Shops this silo activated to replay the journal after a silo left.", () => Recovered);
        metrics.ObserveGauge("taobaolive.journal.replay.shop_reads", "{shop}", "Shop activations on this silo that read the journal for themselves (their stored state was left by a crash) since start.", () => replay.ShopReads);
        metrics.ObserveGauge("taobaolive.state.dirty.shops", "{shop}", "Shops on this silo holding applied orders not yet written to PostgreSQL.", () => checkpoints.DirtyCount);
        metrics.ObserveGauge("taobaolive.store.failures", "{failure}", "PostgreSQL operations that failed on this silo since start (journal commits, state reads and writes, upkeep).", () => failures.Total);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        // Reported before this silo takes traffic: until then nothing here is unwritten.
        await ReportAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var counted = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, time, stopping);
                await ReportAsync(stopping);
                await journal.FlushAppliedAsync(stopping);
                await journal.RefreshTruncatedAsync(stopping);
                await RecoverLeftSilosAsync(stopping);
                await ReplayOwedAsync(stopping);
                NoteStaleRegions();
                await RebuildWhenSettledAsync(stopping);
                await ApplyStuckAsync(stopping);
                await TruncateAsync(stopping);
                if (time.GetUtcNow() - counted > TimeSpan.FromSeconds(10))
                {
                    counted = time.GetUtcNow();
                    await CountAsync(stopping);
                }

                if (time.GetUtcNow() - _lastExpiry > TimeSpan.FromMinutes(10))
                {
                    _lastExpiry = time.GetUtcNow();
                    await ExpireAnswersAsync(stopping);
                    await producers.CompactAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // The database or a shop's silo away for a moment: the loop goes on (a dead loop
                // would stop truncation and recovery for good); logged once per interval with a count.
                failures.Failed("Journal upkeep", exception);
            }
        }
    }

    private Task ReportAsync(CancellationToken cancellationToken) =>
        checkpointTable.ReportAsync(SiloKey, () => checkpoints.CoveredBefore, cancellationToken);

    private async Task RecoverLeftSilosAsync(CancellationToken cancellationToken)
    {
        _recoveryPending = false;
        var members = membership.CurrentSnapshot.Members.Values;
        // One silo recovers: the active one with the lowest address. Each recovery hands every shop
        // in the journal its parts; three silos doing it at once after a whole-cluster restart
        // (100,000 shops) shipped the journal around three times and their calls timed out by the
        // hundred thousand. If the recoverer dies first, the next one takes over (the marks stay).
        var active = ActiveSilos(members);
        var marks = await checkpointTable.OthersAsync(SiloKey, cancellationToken);
        // Silos not alive, silent long enough or not yet, that still have a mark.
        var leaving = Left(marks, members, TimeSpan.Zero);
        if (!IsRecoverer(active))
        {
            // Another silo recovers them and drops their marks once its replays are covered: until
            // then this silo's settled rebuild (an owed activation's) waits for that recovery's own.
            _recoveryPending = leaving.Count > 0;
            return;
        }

        var left = Left(marks, members, SilentFor);
        bool Pending() => leaving.Any(k => !_recovered.ContainsKey(k));
        _recoveryPending = Pending();

        foreach (var gone in _recovered.Keys.Where(k => !left.Contains(k)).ToList())
        {
            _recovered.Remove(gone);
        }

        if (left.Count == 0)
        {
            return;
        }

        var recover = left.Where(k => !_recovered.ContainsKey(k)).ToList();
        if (recover.Count > 0)
        {
            if (GatherLeaving(marks, recover, leaving.Where(k => !_recovered.ContainsKey(k))))
            {
                return;
            }

            var readStarted = time.GetUtcNow();
            var index = await replay.IndexAsync(cancellationToken);
            LogRecovering(logger, string.Join(", ", recover), index.Count, (time.GetUtcNow() - readStarted).TotalSeconds);
            // Every shop in the journal gets its parts: one that was on a silo that left activates from
            // its stored state and applies what that lacks from these parts, without a read of its own
            // (RecoveryReplay); a live one, perhaps a second activation that ran while the silo
            // stopped, applies the parts it does not hold. Shops skip what they hold.
            var replayStarted = time.GetUtcNow();
            await CallEachAsync([.. index], shop => RecoveryReplay.Call(() => ShopGrains.Get(grains, shop.Key).Replay(shop.Value)), "shop replay", cancellationToken);
            Recovered += index.Count;
            LogReplayed(logger, index.Count, (time.GetUtcNow() - replayStarted).TotalSeconds);
            await ReconcileRegionsAsync("after a silo left", cancellationToken);
            var done = await DatabaseNowAsync(cancellationToken);
            foreach (var key in recover)
            {
                _recovered[key] = done;
            }

            _recoveryPending = Pending();
        }

        await DropRecoveredAsync(left, active, cancellationToken);
    }

    /// <summary>
    /// True while the recovery of <paramref name="recover"/> should wait for other silos that are
    /// leaving too (not alive, not yet silent for <see cref="SilentFor"/>), at most
    /// <see cref="GatherFor"/> past the moment the first became due. Silos killed together (a whole
    /// cluster restarted) fall silent within a second or two of one another; recovered one after
    /// another, each recovery replays every shop in the journal (a restart with 82,000 shops recovered
    /// one silo, and the other two were due 2 s later).
    /// </summary>
    internal static bool GatherLeaving(IEnumerable<(string Silo, TimeSpan Silent)> marks, IReadOnlyCollection<string> recover, IEnumerable<string> leaving)
    {
        var waiting = leaving.Except(recover, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        if (waiting.Count == 0)
        {
            return false;
        }

        var silent = marks.Where(m => recover.Contains(m.Silo)).Select(m => m.Silent).DefaultIfEmpty(SilentFor).Max();
        return silent < SilentFor + GatherFor;
    }

    private static List<string> ActiveSilos(IEnumerable<ClusterMember> members) =>
        [.. members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString())];

    private bool IsRecoverer(IEnumerable<string> active) => active.Order(StringComparer.Ordinal).FirstOrDefault() == SiloKey;

    /// <summary>
    /// Every region above a registered shop rebuilds from its children once the cluster has been
    /// quiet for <see cref="QuietBeforeRebuild"/> after a membership change (seen by the recoverer,
    /// so one silo does it) or an activation of this silo's that owed its effects (a shop's, or a
    /// region's whose write was refused, <see cref="NoteStaleRegions"/>): a report lost
    /// upward after the last rebuild is then repaired without waiting for its child to report again.
    /// While a left silo waits for its recovery (which rebuilds the regions when its replays end) it
    /// waits too: the two at once would ask every shop twice while the silos are busiest.
    /// </summary>
    private async Task RebuildWhenSettledAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        if (IsRecoverer(ActiveSilos(snapshot.Members.Values)))
        {
            _settled.Observe(snapshot.Version.Value);
        }
        else
        {
            _settled.StopWatchingMembership();
        }

        if (_settled.Due && !_recoveryPending)
        {
            await ReconcileRegionsAsync("once the cluster had been quiet for " + QuietBeforeRebuild.TotalSeconds + " s", cancellationToken);
        }
    }

    /// <summary>
    /// The silos with a mark that have left: not alive in the membership (dead or no longer listed)
    /// and silent for <paramref name="silentFor"/>. A silo declared dead but still reporting may still
    /// be running, so it is left alone until it falls silent. (Recovering a silo restarted in place
    /// at once, when a newer process is listed at its address, was tried and taken back: the
    /// recovery's region rebuild then came before the retries that follow a rolling restart, and
    /// once the country stayed short of its shops.)
    /// </summary>
    internal static List<string> Left(IEnumerable<(string Silo, TimeSpan Silent)> marks, IEnumerable<ClusterMember> members, TimeSpan silentFor)
    {
        var alive = members.Where(m => m.Status != SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        return [.. marks.Where(m => !alive.Contains(m.Silo) && m.Silent >= silentFor).Select(m => m.Silo)];
    }

    /// <summary>
    /// A left silo's mark holds the journal until the shops it held have replayed it and every other
    /// silo's mark covers that: each silo with a mark, except those that left, must have reported
    /// after the replays (with the mark of the replayed shops, held back to when their entries were
    /// first applied), or a report taken before a replay could let the journal lose entries that the
    /// replaying silo has not written; so must every active silo, one that has not reported yet
    /// included (<see cref="CheckpointTable.DropRecoveredAsync"/>).
    /// </summary>
    private async Task DropRecoveredAsync(IReadOnlyCollection<string> left, IReadOnlyCollection<string> active, CancellationToken cancellationToken)
    {
        foreach (var (key, done) in _recovered.ToList())
        {
            if (await checkpointTable.DropRecoveredAsync(key, done, ReportAfterReplay, left, active, cancellationToken))
            {
                _recovered.Remove(key);
            }
        }
    }

    /// <summary>The ids of the provinces these villages lie in (each province's cluster grain is keyed by it).</summary>
    private static List<string> Provinces(IEnumerable<Region> villages) =>
        [.. villages.Select(v => v.AncestorAt(RegionLevel.Province)?.Id).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Calls <paramref name="call"/> for every item, <see cref="CallsAtOnce"/> at a time, and calls
    /// again the ones that failed (a few passes) before giving up. While silos join after a restart
    /// some calls time out; failing the whole recovery on the first one started it over from the
    /// first shop (after a whole-cluster restart, 82,000 shops asked twice and every level exact half
    /// a minute later).
    /// </summary>
    private async Task CallEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> call, string what, CancellationToken cancellationToken)
    {
        var pending = items;
        for (var pass = 1; ; pass++)
        {
            var failed = new System.Collections.Concurrent.ConcurrentQueue<(T Item, Exception Error)>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = cancellationToken }, async (item, _) =>
            {
                try
                {
                    await call(item);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failed.Enqueue((item, exception));
                }
            });
            if (failed.IsEmpty)
            {
                return;
            }

            var first = failed.First().Error;
            if (pass == RecoveryPasses)
            {
                throw new InvalidOperationException($"{failed.Count} {what} call(s) of {items.Count} still failed after {pass} passes", first);
            }

            LogCallsFailed(logger, failed.Count, pending.Count, what, pass, first.GetType().Name, first.Message);
            pending = [.. failed.Select(f => f.Item)];
        }
    }

    private async Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT now()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>
    /// Reports that sat in the left silo's outbox or stream queues are gone. A parent notices a lost
    /// report by the next report of the same child (its sequence does not follow on), but a child
    /// that never reports again leaves its parent short for good (a rolling restart under load left
    /// a village and the country 1,829.11 yuan short of their shops). So every region above a
    /// registered shop rebuilds from its children once: the villages first, then each level above
    /// them, so that every level asks children that are already exact.
    /// </summary>
    private async Task ReconcileRegionsAsync(string why, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var villages = (await directory.VillagesWithShops(cancellationToken)).Select(geography.FindById).OfType<Region>().ToList();
        var provinces = Provinces(villages);
        var level = villages;
        var reconciled = 0;
        while (level.Count > 0)
        {
            await CallEachAsync(level, region => RegionGrains.Get(grains, region.Level, region.Id).Reconcile(), "region rebuild", cancellationToken);
            reconciled += level.Count;
            if (level == villages)
            {
                // The provinces' cluster grains next: they ask the villages for their standings, and
                // the counties, cities and provinces above count their clusters as one more child.
                await CallEachAsync(provinces, province => grains.GetGrain<IClusterGrain>(province).Reconcile(), "cluster rebuild", cancellationToken);
            }

            level = [.. level.Select(r => r.Parent).OfType<Region>().DistinctBy(r => r.Id)];
        }

        _settled.Rebuilt(started);
        RegionsRebuiltAt = started;
        LogReconciled(logger, why, reconciled, villages.Count, provinces.Count);
    }

    /// <summary>
    /// Shops of this silo whose activation could not write its state (refused by the version check
    /// because another activation wrote, or failed as it deactivated): the journal still holds their
    /// effects (this silo's mark holds truncation), so their live activation is given the parts it
    /// lacks, then the marks are released.
    /// </summary>
    private async Task ReplayOwedAsync(CancellationToken cancellationToken)
    {
        var owed = checkpoints.Owed;
        if (owed.Count == 0)
        {
            return;
        }

        var index = await replay.IndexAsync(cancellationToken);
        foreach (var (grain, token, count) in owed)
        {
            var shopId = grain.Key.ToString();
            await ShopGrains.Get(grains, shopId).Replay(index.TryGetValue(shopId, out var parts) ? parts : []);
            checkpoints.Settle(grain, token, count);
        }

        Recovered += owed.Count;
        _settled.Disturbed();
        LogReplayedOwed(logger, owed.Count);
    }

    /// <summary>
    /// Region activations of this silo whose write was refused (another activation wrote the state)
    /// took children's reports their live activation lacks, and nothing else holds them: a sign for
    /// the settled rebuild, as an owed shop activation is.
    /// </summary>
    private void NoteStaleRegions()
    {
        var stale = checkpoints.StaleRegions;
        if (stale == _staleRegionsSeen)
        {
            return;
        }

        LogStaleRegions(logger, stale - _staleRegionsSeen, QuietBeforeRebuild.TotalSeconds);
        _staleRegionsSeen = stale;
        _settled.Disturbed();
    }

    private async Task ApplyStuckAsync(CancellationToken cancellationToken)
    {
        var stuck = new List<(long Writer, long Seq, byte[] Body)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT writer, seq, body FROM taobaolive_journal
            WHERE applied_at IS NULL AND committed_at < now() - $1
            ORDER BY committed_at LIMIT 100
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = StuckAfter });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stuck.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        foreach (var (writer, seq, body) in stuck)
        {
            // Truncated 0: this position moves no shop's floor; the shops skip what they hold.
            var position = new JournalPosition(writer, seq, 0);
            await Task.WhenAll(OrderJournalCodec.Decode(body).Select(p => ShopGrains.Get(grains, p.ShopId).ApplyCommitted(position, p.Orders).AsTask()));
            await using var mark = dataSource.CreateCommand("UPDATE taobaolive_journal SET applied_at = $3 WHERE writer = $1 AND seq = $2");
            mark.Parameters.Add(new NpgsqlParameter { Value = writer });
            mark.Parameters.Add(new NpgsqlParameter { Value = seq });
            mark.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await mark.ExecuteNonQueryAsync(cancellationToken);
            LogAppliedStuck(logger, writer, seq);
        }
    }

    private async Task TruncateAsync(CancellationToken cancellationToken) =>
        RowsDeleted += await checkpointTable.TruncateJournalAsync(ClockMargin, cancellationToken);

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*), coalesce(sum(octet_length(body)), 0), coalesce(sum(records), 0) FROM taobaolive_journal");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            Size = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    private async Task ExpireAnswersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM taobaolive_idempotency WHERE created_at < now() - $1");
        command.Parameters.Add(new NpgsqlParameter { Value = IdempotencyRetention });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal: {Failed} of {Calls} {What} call(s) failed in pass {Pass} ({Type}: {Error}); calling them again")]
    private static partial void LogCallsFailed(ILogger logger, int failed, int calls, string what, int pass, string type, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal: {Why}, {Regions} region(s) above the shops of {Villages} village(s) rebuilt from their children, and the clusters of {Provinces} province(s)")]
    private static partial void LogReconciled(ILogger logger, string why, int regions, int villages, int provinces);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal: {Shops} shop(s) in the journal replayed in {Seconds:0.0} s")]
    private static partial void LogReplayed(ILogger logger, int shops, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal: silo(s) {Silos} left with state possibly unwritten; activating the {Shops} shop(s) in the journal (read in {Seconds:0.0} s) so they replay it")]
    private static partial void LogRecovering(ILogger logger, string silos, int shops, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal: {Shops} shop activation(s) could not write their state (another activation wrote it, or the write failed as they deactivated); the journal was replayed to each shop's live activation")]
    private static partial void LogReplayedOwed(ILogger logger, int shops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal: {Regions} region activation(s) could not write their state (another activation wrote it); the regions rebuild from their children once the cluster has been quiet for {Quiet} s")]
    private static partial void LogStaleRegions(ILogger logger, long regions, double quiet);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal: entry {Writer}/{Seq} had not reached every shop; applied now")]
    private static partial void LogAppliedStuck(ILogger logger, long writer, long seq);
}
