using System.Globalization;
using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Clusters;

/// <summary>
/// Connected components of Taobao villages over a <see cref="ContiguityGraph"/>, kept incrementally:
/// a village gaining status joins (and possibly merges) its neighbours' components, a village losing
/// it makes only its own component be re-traversed for a split, a turnover change only adjusts a
/// sum. Every component has an id ("prefix-n", n from a counter that is persisted and never reused);
/// only components meeting the <see cref="ClusterThresholds"/> are clusters, and only clusters
/// produce <see cref="ClusterChange"/>s.
/// <para>
/// A batch is applied as: lapses and turnover changes, then splits of the components that lost a
/// village, then villages gaining status (merges). Its changes compare each affected component as the
/// batch began with its state at the end, so a village lapsing and returning in one batch, or a split
/// healed in the same batch, reports only the net effect.
/// </para>
/// <para>
/// Identity. Merge: the surviving id is that of the part that was a cluster when the batch began; if
/// several were, the largest of them (by villages); if none was, the largest part; ties go to the
/// oldest id (lowest n). Split: the largest part keeps the id (tie: the part holding the ordinally
/// smallest village id); every other part gets a new id.
/// </para>
/// <para>
/// Changes. <see cref="ClusterChangeKind.Formed"/>: an id that was not a cluster is one now (by
/// growth, a merge of non-clusters or turnover), except a part split off a cluster, which that
/// cluster's Split names. <see cref="ClusterChangeKind.Merged"/>: a cluster absorbed at least one
/// other cluster (related ids: the absorbed clusters; absorbed non-clusters are not listed).
/// <see cref="ClusterChangeKind.Split"/>: a cluster's component broke into parts (related ids: the new
/// parts that are clusters); followed by Dissolved when the part keeping the id no longer qualifies.
/// <see cref="ClusterChangeKind.Grew"/>/<see cref="ClusterChangeKind.Shrank"/>: a cluster that stays
/// one changed size without a merge or split (a turnover-only change reports nothing).
/// <see cref="ClusterChangeKind.Dissolved"/>: the id no longer denotes a cluster: it fell below the
/// thresholds, all its villages lapsed (size 0, members the lapsed villages), or it was absorbed
/// into a component that is not a cluster (size and members those of that component).
/// <see cref="ClusterChangeKind.BecameLarge"/>/<see cref="ClusterChangeKind.NoLongerLarge"/>: the
/// large-scale flag flipped for an id that is a cluster after the batch (an id new in the batch was
/// not large, so a cluster forming at 30 gets Formed and BecameLarge). Merged and Split report the
/// size change too; they are never accompanied by Grew or Shrank.
/// </para>
/// <para>
/// Order of the returned list: by <see cref="ClusterChangeKind"/> (declaration order), then by the
/// id's number n.
/// </para>
/// </summary>
public sealed class ClusterTracker
{
    private readonly ContiguityGraph _graph;
    private readonly ClusterThresholds _thresholds;
    private readonly string _idPrefix;
    private readonly Dictionary<int, long> _turnover = [];
    private readonly Dictionary<int, Component> _componentOf = [];
    private readonly SortedDictionary<int, Component> _components = [];
    private readonly Dictionary<int, HashSet<int>> _activeInHub = [];
    private int _nextNumber = 1;

    public ClusterTracker(ContiguityGraph graph, ClusterThresholds thresholds, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        _graph = graph;
        _thresholds = thresholds;
        _idPrefix = idPrefix;
    }

    /// <summary>The components that are clusters, by id number.</summary>
    public IReadOnlyList<ClusterView> Clusters => _components.Values.Where(IsCluster).Select(View).ToList();

    /// <summary>Every component, clusters or not, by id number.</summary>
    public IReadOnlyList<ClusterView> Components => _components.Values.Select(View).ToList();

    public string? ComponentOf(string villageId) => Find(villageId)?.Id;

    public string? ClusterOf(string villageId) => Find(villageId) is { } component && IsCluster(component) ? component.Id : null;

    /// <summary>
    /// Applies a batch; a village named more than once takes its last update; unknown villages are
    /// ignored. The causes name villages and clusters through <paramref name="names"/> (ids when
    /// null); a cluster's name is asked for once the batch is applied.
    /// </summary>
    public IReadOnlyList<ClusterChange> Apply(IReadOnlyList<VillageUpdate> updates, ChangeNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var latest = new SortedDictionary<int, VillageUpdate>();
        foreach (var update in updates)
        {
            if (update.VillageId is not null && _graph.TryGetNode(update.VillageId, out var node))
            {
                latest[node] = update;
            }
        }

        var batch = new Batch();
        var lostVillages = new SortedSet<int>();
        foreach (var (node, update) in latest)
        {
            if (!_turnover.TryGetValue(node, out var current))
            {
                continue;
            }

            var component = _componentOf[node];
            if (!update.IsTaobaoVillage)
            {
                Remember(batch, component);
                Leave(component, node);
                batch.LapsedFrom(component.Number).Add(node);
                lostVillages.Add(component.Number);
            }
            else if (update.AnnualTurnoverFen != current)
            {
                Remember(batch, component);
                component.Turnover += update.AnnualTurnoverFen - current;
                _turnover[node] = update.AnnualTurnoverFen;
                batch.Retuned.Add((node, update.AnnualTurnoverFen - current));
            }
        }

        foreach (var number in lostVillages)
        {
            SplitIfDisconnected(_components[number], batch);
        }

        foreach (var (node, update) in latest)
        {
            if (update.IsTaobaoVillage && !_turnover.ContainsKey(node))
            {
                Add(node, update.AnnualTurnoverFen, batch);
                batch.Joined.Add(node);
            }
        }

        return Changes(batch, names ?? ChangeNames.Ids);
    }

    public ClusterTrackerSnapshot Export() => new(
        _nextNumber,
        _components.Values.Select(c => new ComponentSnapshot(
            c.Id,
            c.Members.Select(m => new VillageUpdate(_graph.IdOf(m), true, _turnover[m]))
                .OrderBy(v => v.VillageId, StringComparer.Ordinal)
                .ToList())).ToList());

    /// <summary>
    /// Rebuilds a tracker, silently (no changes). Villages no longer in the graph, or saved as not
    /// Taobao villages, are dropped; a component left disconnected is re-split, components the graph
    /// now joins are merged, both by the identity rules of <see cref="Apply"/>.
    /// </summary>
    public static ClusterTracker Import(ContiguityGraph graph, ClusterThresholds thresholds, string idPrefix, ClusterTrackerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var tracker = new ClusterTracker(graph, thresholds, idPrefix);
        var numbers = snapshot.Components.Select(c => tracker.ParseNumber(c.Id)).ToList();
        tracker._nextNumber = Math.Max(Math.Max(1, snapshot.NextNumber), numbers.Select(n => n ?? 0).DefaultIfEmpty(0).Max() + 1);

        var taken = new HashSet<int>();
        for (var i = 0; i < snapshot.Components.Count; i++)
        {
            var saved = snapshot.Components[i];
            var number = numbers[i] is { } parsed && taken.Add(parsed) ? parsed : tracker._nextNumber++;
            var component = new Component(number, saved.Id);
            foreach (var village in saved.Villages)
            {
                if (village.IsTaobaoVillage && village.VillageId is not null
                    && graph.TryGetNode(village.VillageId, out var node) && !tracker._turnover.ContainsKey(node))
                {
                    tracker.Join(component, node, village.AnnualTurnoverFen);
                }
            }

            if (component.Members.Count > 0)
            {
                tracker._components[number] = component;
            }
        }

        foreach (var component in tracker._components.Values.ToList())
        {
            tracker.SplitIfDisconnected(component, batch: null);
        }

        tracker.MergeContiguousComponents();
        return tracker;
    }

    private bool IsCluster(Component component) => _thresholds.IsCluster(component.Members.Count, component.Turnover);

    private bool IsLarge(Component component) => _thresholds.IsLarge(component.Members.Count, component.Turnover);

    private Component? Find(string villageId) =>
        villageId is not null && _graph.TryGetNode(villageId, out var node) && _componentOf.TryGetValue(node, out var component) ? component : null;

    private ClusterView View(Component component) =>
        new(component.Id, component.Members.Count, component.Turnover, IsLarge(component), VillageIds(component.Members));

    private List<string> VillageIds(IEnumerable<int> nodes) => nodes.Select(_graph.IdOf).Order(StringComparer.Ordinal).ToList();

    private int? ParseNumber(string id) =>
        id is not null && id.StartsWith(_idPrefix + "-", StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(_idPrefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0
            ? number
            : null;

    private Component NewComponent()
    {
        var number = _nextNumber++;
        var component = new Component(number, $"{_idPrefix}-{number}");
        _components[number] = component;
        return component;
    }

    private void Remember(Batch batch, Component component)
    {
        if (!batch.Created.Contains(component.Number) && !batch.Before.ContainsKey(component.Number))
        {
            batch.Before[component.Number] = new BeforeState(component.Id, component.Members.Count, IsCluster(component), IsLarge(component));
        }
    }

    private void Join(Component component, int node, long turnover)
    {
        component.Members.Add(node);
        component.Turnover += turnover;
        _turnover[node] = turnover;
        _componentOf[node] = component;
        if (_graph.HubOf(node) is >= 0 and var hub)
        {
            if (!_activeInHub.TryGetValue(hub, out var active))
            {
                active = [];
                _activeInHub[hub] = active;
            }

            active.Add(node);
        }
    }

    private void Leave(Component component, int node)
    {
        component.Members.Remove(node);
        component.Turnover -= _turnover[node];
        _turnover.Remove(node);
        _componentOf.Remove(node);
        if (_graph.HubOf(node) is >= 0 and var hub)
        {
            _activeInHub[hub].Remove(node);
        }
    }

    private void Add(int node, long turnover, Batch batch)
    {
        var neighbours = new SortedDictionary<int, Component>();
        foreach (var adjacent in _graph.Adjacent(node))
        {
            if (_componentOf.TryGetValue(adjacent, out var component))
            {
                neighbours[component.Number] = component;
            }
        }

        if (_graph.HubOf(node) is >= 0 and var hub && _activeInHub.TryGetValue(hub, out var active) && active.Count > 0)
        {
            // The active villages of one county hub are all contiguous, hence in one component.
            var component = _componentOf[active.First()];
            neighbours[component.Number] = component;
        }

        if (neighbours.Count == 0)
        {
            var created = NewComponent();
            batch.Created.Add(created.Number);
            Join(created, node, turnover);
            return;
        }

        foreach (var component in neighbours.Values)
        {
            Remember(batch, component);
        }

        var survivor = Merge(neighbours.Values, c => batch.Before.TryGetValue(c.Number, out var before) && before.IsCluster, batch);
        Join(survivor, node, turnover);
    }

    private Component Merge(IReadOnlyCollection<Component> parts, Func<Component, bool> wasCluster, Batch? batch)
    {
        var survivor = parts
            .OrderByDescending(wasCluster)
            .ThenByDescending(c => c.Members.Count)
            .ThenBy(c => c.Number)
            .First();
        foreach (var other in parts.Where(c => c != survivor))
        {
            foreach (var member in other.Members)
            {
                survivor.Members.Add(member);
                _componentOf[member] = survivor;
            }

            survivor.Turnover += other.Turnover;
            _components.Remove(other.Number);
            batch?.AbsorbedBy.Add(other.Number, survivor.Number);
        }

        return survivor;
    }

    private void SplitIfDisconnected(Component component, Batch? batch)
    {
        if (component.Members.Count == 0)
        {
            _components.Remove(component.Number);
            return;
        }

        var parts = ConnectedParts(component.Members);
        if (parts.Count == 1)
        {
            return;
        }

        var ordered = parts
            .Select(p => (Members: p, Smallest: p.Select(_graph.IdOf).Min(StringComparer.Ordinal)!))
            .OrderByDescending(p => p.Members.Count)
            .ThenBy(p => p.Smallest, StringComparer.Ordinal)
            .ToList();
        component.Members = ordered[0].Members;
        component.Turnover = ordered[0].Members.Sum(m => _turnover[m]);
        foreach (var (members, _) in ordered.Skip(1))
        {
            var created = NewComponent();
            batch?.Created.Add(created.Number);
            batch?.SplitOrigin.Add(created.Number, component.Number);
            foreach (var member in members)
            {
                created.Members.Add(member);
                created.Turnover += _turnover[member];
                _componentOf[member] = created;
            }
        }
    }

    /// <summary>Breadth-first over the members only; a county hub is expanded once per part, not once per village.</summary>
    private List<HashSet<int>> ConnectedParts(HashSet<int> members)
    {
        var parts = new List<HashSet<int>>();
        var seen = new HashSet<int>();
        foreach (var start in members.Order())
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var part = new HashSet<int> { start };
            var visitedHubs = new HashSet<int>();
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var adjacent in _graph.Adjacent(node))
                {
                    if (members.Contains(adjacent) && seen.Add(adjacent))
                    {
                        part.Add(adjacent);
                        queue.Enqueue(adjacent);
                    }
                }

                if (_graph.HubOf(node) is >= 0 and var hub && visitedHubs.Add(hub) && _activeInHub.TryGetValue(hub, out var active))
                {
                    foreach (var member in active)
                    {
                        if (members.Contains(member) && seen.Add(member))
                        {
                            part.Add(member);
                            queue.Enqueue(member);
                        }
                    }
                }
            }

            parts.Add(part);
        }

        return parts;
    }

    /// <summary>After an import: unites components the current graph makes contiguous.</summary>
    private void MergeContiguousComponents()
    {
        var visitedHubs = new HashSet<int>();
        foreach (var node in _componentOf.Keys.Order().ToList())
        {
            var touching = new SortedDictionary<int, Component>();
            var own = _componentOf[node];
            touching[own.Number] = own;
            foreach (var adjacent in _graph.Adjacent(node))
            {
                if (_componentOf.TryGetValue(adjacent, out var component))
                {
                    touching[component.Number] = component;
                }
            }

            if (_graph.HubOf(node) is >= 0 and var hub && visitedHubs.Add(hub))
            {
                foreach (var member in _activeInHub[hub])
                {
                    var component = _componentOf[member];
                    touching[component.Number] = component;
                }
            }

            if (touching.Count > 1)
            {
                Merge(touching.Values, IsCluster, batch: null);
            }
        }
    }

    private List<ClusterChange> Changes(Batch batch, ChangeNames names)
    {
        List<string> Villages(IEnumerable<int> nodes) => VillageIds(nodes).Select(names.Village).ToList();
        List<string> Named(IEnumerable<string> clusterIds) => clusterIds.Select(names.Cluster).ToList();

        var changes = new List<(ClusterChange Change, int Number)>();
        void Emit(ClusterChangeKind kind, int number, string id, Component? now, IReadOnlyList<string> related, string cause) =>
            changes.Add((
                new ClusterChange(
                    kind,
                    id,
                    now?.Members.Count ?? 0,
                    now?.Turnover ?? 0,
                    now is not null && kind != ClusterChangeKind.Dissolved && IsLarge(now),
                    related,
                    now is null ? VillageIds(batch.LapsedFrom(number)) : VillageIds(now.Members),
                    cause),
                number));

        int Survivor(int number)
        {
            while (batch.AbsorbedBy.TryGetValue(number, out var next))
            {
                number = next;
            }

            return number;
        }

        var joined = batch.Joined.ToLookup(n => _componentOf[n].Number);
        var retuned = batch.Retuned.ToLookup(r => _componentOf[r.Node].Number);
        var lapsed = batch.Lapsed.ToLookup(l => Survivor(l.Key), l => l.Value);
        var absorbedClusters = batch.AbsorbedBy.Keys
            .Where(n => batch.Before.TryGetValue(n, out var before) && before.IsCluster)
            .ToLookup(Survivor);
        var liveParts = batch.SplitOrigin
            .Where(s => _components.ContainsKey(s.Key))
            .ToLookup(s => s.Value, s => s.Key);

        string Reason(int number)
        {
            var gone = lapsed[number].SelectMany(l => l);
            if (batch.SplitOrigin.TryGetValue(number, out var origin))
            {
                gone = gone.Concat(lapsed[origin].SelectMany(l => l));
            }

            var deltas = retuned[number].Select(r => r.Delta).ToList();
            var direction = deltas.All(d => d > 0) ? 1 : deltas.All(d => d < 0) ? -1 : 0;
            return ChangeCause.Reason(
                Villages(joined[number]),
                Villages(gone.Distinct()),
                Villages(retuned[number].Select(r => r.Node)),
                direction);
        }

        var affected = batch.Before.Keys.Concat(batch.Created).Where(_components.ContainsKey).Distinct().Order();
        foreach (var number in affected)
        {
            var component = _components[number];
            var id = component.Id;
            var name = names.Cluster(id);
            var before = batch.Before.GetValueOrDefault(number);
            var wasCluster = before?.IsCluster ?? false;
            var wasLarge = before?.IsLarge ?? false;
            var isCluster = IsCluster(component);
            var isLarge = IsLarge(component);
            var standing = ChangeCause.Standing(component.Members.Count, component.Turnover);
            var parts = wasCluster ? liveParts[number].Order().ToList() : [];

            if (parts.Count > 0)
            {
                var clusterParts = parts.Where(p => IsCluster(_components[p])).Select(p => _components[p].Id).ToList();
                var splitOff = clusterParts.Count switch
                {
                    0 => string.Empty,
                    1 => $", {names.Cluster(clusterParts[0])} split off as a cluster",
                    _ => $", clusters {ChangeCause.List(Named(clusterParts))} split off",
                };
                var rest = clusterParts.Count < parts.Count ? ", the rest is below the cluster thresholds" : string.Empty;
                Emit(ClusterChangeKind.Split, number, id, component, clusterParts,
                    $"{Reason(number)}: cluster {name} split; {name} keeps {component.Members.Count} villages ({Yuan.FormatGrouped(component.Turnover)}){splitOff}{rest}");
            }

            if (isCluster)
            {
                var absorbed = absorbedClusters[number].Order().Select(n => batch.Before[n].Id).ToList();
                if (!wasCluster)
                {
                    var namedBySplit = batch.SplitOrigin.TryGetValue(number, out var origin)
                        && batch.Before.TryGetValue(origin, out var originBefore) && originBefore.IsCluster
                        && _components.ContainsKey(origin);
                    if (!namedBySplit)
                    {
                        Emit(ClusterChangeKind.Formed, number, id, component, [],
                            $"{Reason(number)}: cluster {name} formed ({standing})");
                    }
                }
                else if (absorbed.Count > 0)
                {
                    Emit(ClusterChangeKind.Merged, number, id, component, absorbed,
                        $"{Reason(number)}: {(absorbed.Count == 1 ? "cluster" : "clusters")} {ChangeCause.List(Named(absorbed))} merged into cluster {name} ({standing})");
                }
                else if (parts.Count == 0 && component.Members.Count != before!.Size)
                {
                    var grew = component.Members.Count > before.Size;
                    Emit(grew ? ClusterChangeKind.Grew : ClusterChangeKind.Shrank, number, id, component, [],
                        $"{Reason(number)}: cluster {name} {(grew ? "grew" : "shrank")} from {before.Size} to {component.Members.Count} villages ({Yuan.FormatGrouped(component.Turnover)})");
                }

                if (isLarge != wasLarge)
                {
                    Emit(isLarge ? ClusterChangeKind.BecameLarge : ClusterChangeKind.NoLongerLarge, number, id, component, [],
                        isLarge
                            ? $"{Reason(number)}: cluster {name} reached {component.Members.Count} villages, a large-scale cluster ({_thresholds.LargeMinVillages} or more)"
                            : $"{Reason(number)}: cluster {name} fell to {component.Members.Count} villages, below the large-scale threshold ({_thresholds.LargeMinVillages})");
                }
            }
            else if (wasCluster)
            {
                Emit(ClusterChangeKind.Dissolved, number, id, component, [],
                    $"{Reason(number)}: cluster {name} dissolved ({standing}; a cluster needs {ChangeCause.Thresholds(_thresholds)})");
            }
        }

        foreach (var (number, before) in batch.Before)
        {
            if (!before.IsCluster || _components.ContainsKey(number))
            {
                continue;
            }

            if (batch.AbsorbedBy.ContainsKey(number))
            {
                // Absorbed clusters are named by the survivor's Merged, unless the survivor is no cluster.
                var survivor = _components[Survivor(number)];
                if (!IsCluster(survivor))
                {
                    Emit(ClusterChangeKind.Dissolved, number, before.Id, survivor, [],
                        $"{Reason(survivor.Number)}: cluster {names.Cluster(before.Id)} merged into a component that is not a cluster ({ChangeCause.Standing(survivor.Members.Count, survivor.Turnover)}; a cluster needs {ChangeCause.Thresholds(_thresholds)})");
                }
            }
            else
            {
                Emit(ClusterChangeKind.Dissolved, number, before.Id, null, [],
                    $"{Reason(number)}: cluster {names.Cluster(before.Id)} dissolved, none of its villages is a Taobao village any more");
            }
        }

        return changes.OrderBy(c => c.Change.Kind).ThenBy(c => c.Number).Select(c => c.Change).ToList();
    }

    private sealed class Component(int number, string id)
    {
        public int Number { get; } = number;

        public string Id { get; } = id;

        public HashSet<int> Members { get; set; } = [];

        public long Turnover { get; set; }
    }

    private sealed record BeforeState(string Id, int Size, bool IsCluster, bool IsLarge);

    /// <summary>What one <see cref="Apply"/> did, keyed by component number.</summary>
    private sealed class Batch
    {
        /// <summary>Each pre-existing component the batch touched, as the batch began.</summary>
        public Dictionary<int, BeforeState> Before { get; } = [];

        public HashSet<int> Created { get; } = [];

        public Dictionary<int, int> AbsorbedBy { get; } = [];

        /// <summary>Part split off → the component it split from.</summary>
        public Dictionary<int, int> SplitOrigin { get; } = [];

        public Dictionary<int, List<int>> Lapsed { get; } = [];

        public List<int> Joined { get; } = [];

        public List<(int Node, long Delta)> Retuned { get; } = [];

        public List<int> LapsedFrom(int number)
        {
            if (!Lapsed.TryGetValue(number, out var nodes))
            {
                nodes = [];
                Lapsed[number] = nodes;
            }

            return nodes;
        }
    }
}
