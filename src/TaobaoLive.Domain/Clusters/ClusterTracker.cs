using TaobaoLive.Domain.Money;

namespace TaobaoLive.Domain.Clusters;

/// <summary>
/// Connected components of Taobao villages over a <see cref="ContiguityGraph"/>, kept incrementally:
/// a village gaining status joins (and possibly merges) its neighbours' components, a village losing
/// it makes only its own component be re-traversed for a split, a turnover change only adjusts a
/// sum. Every component has an id (prefix-n, n from a counter that is never reused); only components
/// that meet the thresholds are clusters, and only clusters produce <see cref="ClusterChange"/>s.
/// <para>
/// Identity: on a merge the surviving id is the part that was a cluster; if several or none were,
/// the largest part; on a tie the oldest (lowest n). On a split the largest part keeps the id (tie:
/// the part holding the ordinally smallest village id); other parts get new ids.
/// </para>
/// <para>
/// Events, compared per batch between before and after: Formed (an id becomes a cluster; not for a
/// part split off a cluster, which Split names); Merged (a surviving cluster absorbed other clusters,
/// listed); Split (a cluster's component broke up; lists the new parts that are clusters), followed
/// by Dissolved if the part keeping the id no longer qualifies; Grew/Shrank (same id, still a cluster,
/// other size, no merge or split); Dissolved (an id stops being a cluster, unless it was absorbed by a
/// merge); BecameLarge/NoLongerLarge whenever a cluster's large-scale flag flips (a new id counts as
/// not large before). Results are sorted by kind, then by id number.
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
        _graph = graph;
        _thresholds = thresholds;
        _idPrefix = idPrefix;
    }

    public IReadOnlyList<ClusterView> Clusters => _components.Values.Where(IsCluster).Select(View).ToList();

    public IReadOnlyList<ClusterView> Components => _components.Values.Select(View).ToList();

    public string? ComponentOf(string villageId) =>
        _graph.TryGetNode(villageId, out var node) && _componentOf.TryGetValue(node, out var component) ? component.Id : null;

    public string? ClusterOf(string villageId) =>
        _graph.TryGetNode(villageId, out var node) && _componentOf.TryGetValue(node, out var component) && IsCluster(component) ? component.Id : null;

    public IReadOnlyList<ClusterChange> Apply(IReadOnlyList<VillageUpdate> updates)
    {
        var latest = new SortedDictionary<int, VillageUpdate>();
        foreach (var update in updates)
        {
            if (_graph.TryGetNode(update.VillageId, out var node))
            {
                latest[node] = update;
            }
        }

        var batch = new Batch();
        var toSplit = new SortedDictionary<int, Component>();
        foreach (var (node, update) in latest)
        {
            if (!_turnover.TryGetValue(node, out var current))
            {
                continue;
            }

            var component = _componentOf[node];
            if (!update.IsTaobaoVillage)
            {
                batch.Remember(component, this);
                component.Members.Remove(node);
                component.Turnover -= current;
                _turnover.Remove(node);
                _componentOf.Remove(node);
                if (_graph.HubOf(node) is >= 0 and var hub)
                {
                    _activeInHub[hub].Remove(node);
                }

                toSplit[component.Number] = component;
            }
            else if (update.AnnualTurnoverFen != current)
            {
                batch.Remember(component, this);
                component.Turnover += update.AnnualTurnoverFen - current;
                _turnover[node] = update.AnnualTurnoverFen;
            }
        }

        foreach (var component in toSplit.Values)
        {
            SplitIfDisconnected(component, batch);
        }

        foreach (var (node, update) in latest)
        {
            if (update.IsTaobaoVillage && !_turnover.ContainsKey(node))
            {
                Add(node, update.AnnualTurnoverFen, batch);
            }
        }

        return Changes(batch);
    }

    public ClusterTrackerSnapshot Export() => new(
        _nextNumber,
        _components.Values.Select(c => new ComponentSnapshot(
            c.Id,
            c.Members.Select(m => new VillageUpdate(_graph.IdOf(m), true, _turnover[m]))
                .OrderBy(v => v.VillageId, StringComparer.Ordinal)
                .ToList())).ToList());

    /// <summary>Rebuilds a tracker; villages no longer in the graph are dropped, a component left disconnected is re-split silently.</summary>
    public static ClusterTracker Import(ContiguityGraph graph, ClusterThresholds thresholds, string idPrefix, ClusterTrackerSnapshot snapshot)
    {
        var tracker = new ClusterTracker(graph, thresholds, idPrefix) { _nextNumber = Math.Max(1, snapshot.NextNumber) };
        foreach (var saved in snapshot.Components)
        {
            var component = new Component(tracker.NumberOf(saved.Id), saved.Id);
            foreach (var village in saved.Villages)
            {
                if (graph.TryGetNode(village.VillageId, out var node) && !tracker._turnover.ContainsKey(node))
                {
                    tracker.Join(component, node, village.AnnualTurnoverFen);
                }
            }

            if (component.Members.Count > 0)
            {
                tracker._components[component.Number] = component;
                tracker.SplitIfDisconnected(component, new Batch());
            }
        }

        return tracker;
    }

    private bool IsCluster(Component component) => _thresholds.IsCluster(component.Members.Count, component.Turnover);

    private bool IsLarge(Component component) => _thresholds.IsLarge(component.Members.Count, component.Turnover);

    private ClusterView View(Component component) =>
        new(component.Id, component.Members.Count, component.Turnover, IsLarge(component), MemberIds(component.Members));

    private List<string> MemberIds(IEnumerable<int> members) =>
        members.Select(_graph.IdOf).Order(StringComparer.Ordinal).ToList();

    private int NumberOf(string id)
    {
        var dash = id.LastIndexOf('-');
        if (id.StartsWith(_idPrefix + "-", StringComparison.Ordinal) && int.TryParse(id.AsSpan(dash + 1), out var number) && !_components.ContainsKey(number))
        {
            _nextNumber = Math.Max(_nextNumber, number + 1);
            return number;
        }

        return _nextNumber++;
    }

    private Component NewComponent()
    {
        var number = _nextNumber++;
        var component = new Component(number, $"{_idPrefix}-{number}");
        _components[number] = component;
        return component;
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
            // All active villages of one county hub are contiguous, hence in one component.
            var component = _componentOf[active.First()];
            neighbours[component.Number] = component;
        }

        foreach (var component in neighbours.Values)
        {
            batch.Remember(component, this);
        }

        if (neighbours.Count == 0)
        {
            var created = NewComponent();
            batch.Created.Add(created.Id);
            Join(created, node, turnover);
            return;
        }

        var survivor = neighbours.Values
            .OrderByDescending(IsCluster)
            .ThenByDescending(c => c.Members.Count)
            .ThenBy(c => c.Number)
            .First();
        Join(survivor, node, turnover);
        foreach (var other in neighbours.Values.Where(c => c != survivor))
        {
            foreach (var member in other.Members)
            {
                survivor.Members.Add(member);
                _componentOf[member] = survivor;
            }

            survivor.Turnover += other.Turnover;
            _components.Remove(other.Number);
            var absorbed = batch.AbsorbedInto(survivor.Id);
            absorbed.Add(other.Id);
            if (batch.Absorbed.Remove(other.Id, out var earlier))
            {
                absorbed.AddRange(earlier);
            }
        }
    }

    private void SplitIfDisconnected(Component component, Batch batch)
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
            batch.Created.Add(created.Id);
            batch.SplitFrom(component.Id).Add(created.Id);
            foreach (var member in members)
            {
                created.Members.Add(member);
                created.Turnover += _turnover[member];
                _componentOf[member] = created;
            }
        }
    }

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

    private List<ClusterChange> Changes(Batch batch)
    {
        var changes = new List<(ClusterChange Change, int Number)>();
        void Emit(ClusterChangeKind kind, int number, string id, int size, long turnover, bool large, IReadOnlyList<string> related, IReadOnlyList<string> members, string cause) =>
            changes.Add((new ClusterChange(kind, id, size, turnover, large, related, members, cause), number));

        var existing = _components.Values.Where(c => batch.Before.ContainsKey(c.Id) || batch.Created.Contains(c.Id)).ToList();
        var absorbedIds = batch.Absorbed.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        var splitOffFromCluster = batch.Splits
            .Where(s => batch.Before.TryGetValue(s.Key, out var b) && b.IsCluster)
            .SelectMany(s => s.Value)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var component in existing)
        {
            var before = batch.Before.GetValueOrDefault(component.Id);
            var wasCluster = before?.IsCluster ?? false;
            var wasLarge = before?.IsLarge ?? false;
            var size = component.Members.Count;
            var turnover = component.Turnover;
            var isCluster = IsCluster(component);
            var isLarge = IsLarge(component);
            var members = MemberIds(component.Members);
            var money = Yuan.FormatGrouped(turnover);
            var splits = batch.Splits.GetValueOrDefault(component.Id);
            List<string> SplitClusters() => splits!
                .Where(id => _components.Values.Any(c => c.Id == id && IsCluster(c)))
                .ToList();

            if (wasCluster && splits is not null)
            {
                var parts = SplitClusters();
                Emit(ClusterChangeKind.Split, component.Number, component.Id, size, turnover, isLarge, parts, members,
                    parts.Count > 0
                        ? $"split: {size} villages remain ({money}); {string.Join(", ", parts)} split off as cluster(s)"
                        : $"split: {size} villages remain ({money}); the other part(s) are below the cluster thresholds");
            }

            if (isCluster)
            {
                if (!wasCluster)
                {
                    if (!splitOffFromCluster.Contains(component.Id))
                    {
                        Emit(ClusterChangeKind.Formed, component.Number, component.Id, size, turnover, isLarge, [], members,
                            $"{size} contiguous Taobao villages with combined annual turnover {money} meet the cluster thresholds ({_thresholds.MinVillages} villages, {Yuan.FormatGrouped(_thresholds.MinCombinedTurnoverFen)})");
                    }
                }
                else if (splits is null)
                {
                    var absorbedClusters = batch.Absorbed.GetValueOrDefault(component.Id)?
                        .Where(id => batch.Before.TryGetValue(id, out var b) && b.IsCluster)
                        .Order(StringComparer.Ordinal)
                        .ToList() ?? [];
                    if (absorbedClusters.Count > 0)
                    {
                        Emit(ClusterChangeKind.Merged, component.Number, component.Id, size, turnover, isLarge, absorbedClusters, members,
                            $"merged with {string.Join(", ", absorbedClusters)}: now {size} villages ({money})");
                    }
                    else if (size > before!.Size)
                    {
                        Emit(ClusterChangeKind.Grew, component.Number, component.Id, size, turnover, isLarge, [], members,
                            $"grew from {before.Size} to {size} villages ({money})");
                    }
                    else if (size < before!.Size)
                    {
                        Emit(ClusterChangeKind.Shrank, component.Number, component.Id, size, turnover, isLarge, [], members,
                            $"shrank from {before.Size} to {size} villages ({money})");
                    }
                }

                if (isLarge != wasLarge)
                {
                    Emit(isLarge ? ClusterChangeKind.BecameLarge : ClusterChangeKind.NoLongerLarge, component.Number, component.Id, size, turnover, isLarge, [], members,
                        isLarge
                            ? $"reached {size} villages: a large-scale cluster (from {_thresholds.LargeMinVillages})"
                            : $"fell to {size} villages: no longer large-scale (from {_thresholds.LargeMinVillages})");
                }
            }
            else if (wasCluster)
            {
                Emit(ClusterChangeKind.Dissolved, component.Number, component.Id, size, turnover, false, [], members,
                    $"no longer meets the cluster thresholds: {size} villages, combined annual turnover {money}");
            }
        }

        foreach (var (id, before) in batch.Before)
        {
            if (before.IsCluster && !_components.ContainsKey(before.Number) && !absorbedIds.Contains(id))
            {
                Emit(ClusterChangeKind.Dissolved, before.Number, id, 0, 0, false, [], before.Members,
                    "dissolved: none of its villages is a Taobao village any more");
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

    private sealed record BeforeState(int Number, int Size, bool IsCluster, bool IsLarge, IReadOnlyList<string> Members);

    private sealed class Batch
    {
        public Dictionary<string, BeforeState> Before { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Created { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Absorbed { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Splits { get; } = new(StringComparer.Ordinal);

        /// <summary>Records a component's state as the batch began (components created in the batch have none).</summary>
        public void Remember(Component component, ClusterTracker tracker)
        {
            if (!Created.Contains(component.Id) && !Before.ContainsKey(component.Id))
            {
                Before[component.Id] = new BeforeState(
                    component.Number,
                    component.Members.Count,
                    tracker.IsCluster(component),
                    tracker.IsLarge(component),
                    tracker.MemberIds(component.Members));
            }
        }

        public List<string> AbsorbedInto(string id)
        {
            if (!Absorbed.TryGetValue(id, out var list))
            {
                list = [];
                Absorbed[id] = list;
            }

            return list;
        }

        public List<string> SplitFrom(string id)
        {
            if (!Splits.TryGetValue(id, out var list))
            {
                list = [];
                Splits[id] = list;
            }

            return list;
        }
    }
}
