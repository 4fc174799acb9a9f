using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Clusters;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;

namespace TaobaoLive.Grains.Clusters;

/// <summary>
/// The village clusters of one province (keyed by province id). Builds the province's contiguity
/// graph from the geography, keeps connected components of Taobao villages incrementally as village
/// standings arrive, turns every cluster change into a status event, and reports to counties, cities
/// and the province how many clusters touch them: as one more child of each (see
/// <see cref="ClusterLinks"/>), through the outbox, with a sequence per area and this activation's
/// epoch, the way regions report to their parents. Clusters do not cross province borders. Stored
/// state not left by a graceful stop may be older than the villages' standings: the grain then asks
/// every village it has heard from for its standing now (and again once the cluster has settled).
/// </summary>
[ImplicitStreamSubscription(StreamNames.ClusterInbox)]
[KeepAlive]
[GrainType(GrainTypeNames.Cluster)]
public sealed class ClusterGrain : Grain, IClusterGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<VillageStanding>>
{
    private readonly IPersistentState<ClusterState> _persisted;
    private readonly PipelineServices _services;
    private readonly DeferredStateWriter<ClusterState> _writer;
    private Region _province = null!;
    private ClusterTracker? _tracker;
    private Dictionary<string, string>? _names;
    private readonly ChildRebuild _reconcile;

    // This activation's name in its reports to the areas (see ParentGrain): an area tells a restart from a re-delivery by it.
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);

    public ClusterGrain([PersistentState("clusters", StorageNames.Grains)] IPersistentState<ClusterState> persisted, PipelineServices services)
    {
        _persisted = persisted;
        _services = services;
        // A refused write (another activation wrote the state) may mean that one took a standing this
        // one lacks: the silo's keeper has the regions and clusters rebuild once the cluster is quiet.
        _writer = new DeferredStateWriter<ClusterState>(this, persisted, services.PersistInterval, SaveTracker, stale: services.Checkpoints.RegionStale);
        _reconcile = new ChildRebuild(this, RebuildFromVillages);
    }

    private ClusterState State => _persisted.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _province = _services.Geography.FindById(id) is { Level: RegionLevel.Province } province
            ? province
            : throw new InvalidOperationException($"'{id}' is not a province of geography {_services.Geography.SourceName}.");
        await _reconcile.OnActivateAsync(_persisted, State.VillageSeqs.Count > 0, _services.WritePolicy.Durable, cancellationToken);
    }

    /// <summary>
    /// The tracker and its contiguity graph over every village of the province (up to 70k on the
    /// national geography), built on first use: reading the clusters of a province that has none
    /// (GET /api/clusters asks all 31) builds nothing. Its state only changes through the tracker,
    /// so building it later from the stored components is the same as building it at activation.
    /// </summary>
    private ClusterTracker Tracker => _tracker ??= BuildTracker();

    private ClusterTracker BuildTracker()
    {
        var sites = _province.Descendants(RegionLevel.Village).Select(v => new VillageSite(
            v.Id, v.AncestorAt(RegionLevel.County)!.Id, v.NeighbourIds, v.Latitude, v.Longitude));
        var graph = ContiguityGraph.Build(sites, _services.Options.NeighbourDistanceKm);
        var snapshot = new ClusterTrackerSnapshot(
            State.NextNumber,
            State.Components.Select(c => new ComponentSnapshot(
                c.Id,
                c.Villages.Zip(c.TurnoverFen, (village, fen) => new VillageUpdate(village, true, fen)).ToList())).ToList());
        return ClusterTracker.Import(graph, Thresholds(), IdPrefix(_province.Id), snapshot);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _reconcile.OnDeactivateAsync(State, _writer, reason, cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<VillageStanding>>().ResumeAsync(this);

    public Task OnNextAsync(UpwardBatch<VillageStanding> item, StreamSequenceToken? token = null)
    {
        var updates = new List<VillageUpdate>(item.Items.Count);
        var eventTime = DateTimeOffset.MinValue;
        foreach (var standing in item.Items)
        {
            // Standings are absolute: within one village activation the newest wins; a village that
            // restarted (from older stored state, its sequence set back) is believed at once, and
            // with a durable store asked again once things have settled.
            var sameActivation = State.VillageEpochs.GetValueOrDefault(standing.VillageId) == standing.Epoch;
            if (_services.WritePolicy.Durable && !sameActivation && State.VillageEpochs.ContainsKey(standing.VillageId))
            {
                _reconcile.SettleLater();
            }

            if (sameActivation && State.VillageSeqs.TryGetValue(standing.VillageId, out var seen) && standing.Seq <= seen)
            {
                continue;
            }

            State.VillageSeqs[standing.VillageId] = standing.Seq;
            State.VillageEpochs[standing.VillageId] = standing.Epoch;
            updates.Add(new VillageUpdate(standing.VillageId, standing.IsTaobaoVillage, standing.AnnualTurnoverFen));
            eventTime = standing.EventTime > eventTime ? standing.EventTime : eventTime;
        }

        if (updates.Count > 0)
        {
            Apply(updates, eventTime, reportEveryArea: false);
        }

        return Task.CompletedTask;
    }

    private void Apply(IReadOnlyList<VillageUpdate> updates, DateTimeOffset eventTime, bool reportEveryArea)
    {
        // Events carry the cluster's human name: as it is after the change, or, for one that is gone
        // (dissolved, merged away), as it was before.
        // Causes name them the same way, and villages by name and path.
        var before = _names ??= CurrentNames();
        Dictionary<string, string>? after = null;
        string ClusterName(string id) =>
            (after ??= CurrentNames()).GetValueOrDefault(id) ?? before.GetValueOrDefault(id) ?? id;
        var changes = Tracker.Apply(updates, new ChangeNames(VillageLabel, ClusterName)).ToList();
        after ??= CurrentNames();
        _names = after;
        foreach (var change in changes)
        {
            var name = ClusterName(change.ClusterId);
            var statusChange = ToStatusChange(change, name, eventTime);
            StatusHistory.Append(State.History, statusChange, _services.Options.HistoryPerGrain);
            _services.Outbox.PostStatusChange(statusChange);
        }

        ReportAreas(reportEveryArea);
        _writer.MarkDirty();
    }

    /// <summary>
    /// Asks every village heard from for its standing now and applies the answers; then reports to
    /// every area it counts for, changed or not: an area that applied a report this grain's stored
    /// state has lost (a crash) sees the sequence not follow on and rebuilds from this grain.
    /// </summary>
    public Task Reconcile() => RebuildFromVillages();

    private async Task RebuildFromVillages()
    {
        var ids = State.VillageSeqs.Keys.ToList();
        if (await _reconcile.Fetch(ids, id => RegionGrains.Village(GrainFactory, id).GetState()) is not { } standings)
        {
            return;
        }

        Apply(
            standings.Select(s => new VillageUpdate(s.Id, s.Status == RegionStatus.TaobaoVillage, s.AnnualTurnoverFen)).ToList(),
            DateTimeOffset.MinValue,
            reportEveryArea: true);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<IReadOnlyList<ClusterSnapshot>> GetClusters() =>
        Task.FromResult<IReadOnlyList<ClusterSnapshot>>(_tracker is null && State.Components.Count == 0 ? [] : Tracker.Clusters
            .Select(c => new ClusterSnapshot(c.Id, _province.Id, c.IsLarge, c.Size, c.CombinedTurnoverFen, c.Members))
            .ToList());

    public Task<IReadOnlyList<StatusChanged>> GetHistory() =>
        Task.FromResult<IReadOnlyList<StatusChanged>>(State.History.ToList());

    public Task<ChildContribution> GetContribution(string areaId) => Task.FromResult(new ChildContribution(
        _epoch, State.AreaSeqs.GetValueOrDefault(areaId), [], int.MinValue, ClusterCounts(State.AreaCounts.GetValueOrDefault(areaId))));

    /// <summary>Cluster ids are unique across provinces: the province id's hash plus a counter.</summary>
    internal static string IdPrefix(string provinceId) =>
        "cluster-" + (provinceId.StartsWith("province-", StringComparison.Ordinal) ? provinceId["province-".Length..] : provinceId);

    private ClusterThresholds Thresholds()
    {
        var rules = _services.Rules;
        return new ClusterThresholds(rules.ClusterMinVillages, rules.ClusterMinTurnoverFen, rules.LargeClusterMinVillages);
    }

    private string VillageLabel(string id) =>
        _services.Geography.FindById(id) is { } village ? RegionLabels.WithPath(village) : id;

    private Dictionary<string, string> CurrentNames()
    {
        var clusters = Tracker.Clusters;
        var names = ClusterNames.Names(_services.Geography, clusters.Select(c => (c.Id, c.Members)).ToList());
        return clusters.Select((c, i) => (c.Id, Name: names[i])).ToDictionary(x => x.Id, x => x.Name, StringComparer.Ordinal);
    }

    private StatusChanged ToStatusChange(ClusterChange change, string name, DateTimeOffset eventTime)
    {
        var now = change.IsLarge ? StatusNames.LargeCluster : StatusNames.Cluster;
        var (kind, from, to) = change.Kind switch
        {
            ClusterChangeKind.Formed => (StatusChangeKind.ClusterFormed, StatusNames.None, now),
            ClusterChangeKind.Dissolved => (StatusChangeKind.ClusterDissolved, StatusNames.Cluster, StatusNames.None),
            ClusterChangeKind.Grew => (StatusChangeKind.ClusterGrew, now, now),
            ClusterChangeKind.Shrank => (StatusChangeKind.ClusterShrank, now, now),
            ClusterChangeKind.Merged => (StatusChangeKind.ClusterMerged, now, now),
            ClusterChangeKind.Split => (StatusChangeKind.ClusterSplit, now, now),
            ClusterChangeKind.BecameLarge => (StatusChangeKind.ClusterBecameLarge, StatusNames.Cluster, StatusNames.LargeCluster),
            ClusterChangeKind.NoLongerLarge => (StatusChangeKind.ClusterNoLongerLarge, StatusNames.LargeCluster, StatusNames.Cluster),
            _ => throw new InvalidOperationException($"unknown cluster change {change.Kind}"),
        };
        var time = eventTime == DateTimeOffset.MinValue ? _services.Clock.Now : eventTime;
        return new StatusChanged(change.ClusterId, SubjectKind.Cluster, name, _province.Path, kind, from, to, time, change.Cause, change.RelatedClusterIds);
    }

    /// <summary>
    /// Counts clusters touching each county, city and the province, and reports each count that
    /// changed (or every one) to its area, with the area's next sequence number.
    /// </summary>
    private void ReportAreas(bool everyArea)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [_province.Id] = Tracker.Clusters.Count };
        foreach (var cluster in Tracker.Clusters)
        {
            var areas = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in cluster.Members)
            {
                var village = _services.Geography.FindById(member);
                if (village is null)
                {
                    continue;
                }

                areas.Add(village.AncestorAt(RegionLevel.County)!.Id);
                areas.Add(village.AncestorAt(RegionLevel.City)!.Id);
            }

            foreach (var area in areas)
            {
                counts[area] = counts.GetValueOrDefault(area) + 1;
            }
        }

        var childId = ClusterLinks.ChildId(_province.Id);
        foreach (var area in counts.Keys.Union(State.AreaCounts.Keys, StringComparer.Ordinal).ToList())
        {
            var count = counts.GetValueOrDefault(area);
            if (!everyArea && State.AreaCounts.GetValueOrDefault(area) == count)
            {
                continue;
            }

            var seq = State.AreaSeqs[area] = State.AreaSeqs.GetValueOrDefault(area) + 1;
            _services.Outbox.PostRegionTurnover(area, new RegionTurnover(childId, seq, seq, [], ClusterCounts(count), _epoch));
        }

        State.AreaCounts = counts;
    }

    private static RegionCounts ClusterCounts(int clusters) => RegionCounts.Zero with { Clusters = clusters };

    private void SaveTracker()
    {
        var snapshot = Tracker.Export();
        State.NextNumber = snapshot.NextNumber;
        State.Components = snapshot.Components.Select(c => new ComponentRecord
        {
            Id = c.Id,
            Villages = c.Villages.Select(v => v.VillageId).ToList(),
            TurnoverFen = c.Villages.Select(v => v.AnnualTurnoverFen).ToList(),
        }).ToList();
    }
}
