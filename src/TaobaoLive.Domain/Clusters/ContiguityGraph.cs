namespace TaobaoLive.Domain.Clusters;

/// <summary>
/// Which villages are contiguous. Villages a and b are contiguous when (1) either names the other in
/// its neighbour list (ids not in the graph are ignored), or (2) both have coordinates (latitude and
/// longitude) and their haversine distance on a sphere of radius 6371.0088 km is at most the configured
/// distance, or (3) neither has a non-empty neighbour list nor coordinates and they share a county
/// id — the administrative fallback for data without geometry (DESIGN.md). The fallback is kept as one hub per
/// county instead of a complete graph, so a county of thousands of villages costs one entry each.
/// Coordinate edges are found through a grid of cells one distance wide, not by comparing all pairs.
/// </summary>
public sealed class ContiguityGraph
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    private const double EarthRadiusKm = 6371.0088;

    private const double KmPerDegreeLatitude = 111.195;

    private readonly string[] _ids;
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _adjacent;
    private readonly int[] _hubOf;
    private readonly int[][] _hubMembers;

    private ContiguityGraph(string[] ids, Dictionary<string, int> index, int[][] adjacent, int[] hubOf, int[][] hubMembers)
    {
        _ids = ids;
        _index = index;
        _adjacent = adjacent;
        _hubOf = hubOf;
        _hubMembers = hubMembers;
    }

    public int VillageCount => _ids.Length;

    public static ContiguityGraph Build(IEnumerable<VillageSite> sites, double neighbourDistanceKm)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbourDistanceKm);
        var list = new List<VillageSite>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            if (index.TryAdd(site.Id, list.Count))
            {
                list.Add(site);
            }
        }

        // Most villages (all on the administrative fallback) have no edge: their sets are made on first use.
        var edges = new HashSet<int>?[list.Count];

        for (var i = 0; i < list.Count; i++)
        {
            foreach (var neighbour in list[i].Neighbours)
            {
                if (index.TryGetValue(neighbour, out var j) && j != i)
                {
                    (edges[i] ??= []).Add(j);
                    (edges[j] ??= []).Add(i);
                }
            }
        }

        AddCoordinateEdges(list, edges, neighbourDistanceKm);

        var hubOf = new int[list.Count];
        var hubs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var site = list[i];
            var hasGeometry = site.Neighbours.Count > 0 || site is { Latitude: not null, Longitude: not null };
            hubOf[i] = -1;
            if (!hasGeometry)
            {
                if (!hubs.TryGetValue(site.CountyId, out var members))
                {
                    members = [];
                    hubs[site.CountyId] = members;
                }

                members.Add(i);
            }
        }

        var hubMembers = new int[hubs.Count][];
        var h = 0;
        foreach (var members in hubs.Values)
        {
            hubMembers[h] = [.. members];
            foreach (var member in members)
            {
                hubOf[member] = h;
            }

            h++;
        }

        return new ContiguityGraph(
            list.Select(s => s.Id).ToArray(),
            index,
            edges.Select(e => e is null ? Array.Empty<int>() : e.Order().ToArray()).ToArray(),
            hubOf,
            hubMembers);
    }

    public bool Contains(string villageId) => _index.ContainsKey(villageId);

    /// <summary>Every village contiguous with <paramref name="villageId"/> (materialised: for tests and views).</summary>
    public IEnumerable<string> NeighboursOf(string villageId)
    {
        if (!_index.TryGetValue(villageId, out var node))
        {
            return [];
        }

        var result = _adjacent[node].Select(n => _ids[n]);
        if (_hubOf[node] >= 0)
        {
            result = result.Concat(_hubMembers[_hubOf[node]].Where(m => m != node).Select(m => _ids[m]));
        }

        return result.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    internal bool TryGetNode(string villageId, out int node) => _index.TryGetValue(villageId, out node);

    internal string IdOf(int node) => _ids[node];

    internal IReadOnlyList<int> Adjacent(int node) => _adjacent[node];

    /// <summary>The county hub of a village on the administrative fallback, else -1.</summary>
    internal int HubOf(int node) => _hubOf[node];

    internal IReadOnlyList<int> HubMembers(int hub) => _hubMembers[hub];

    internal static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    private static void AddCoordinateEdges(List<VillageSite> sites, HashSet<int>?[] edges, double distanceKm)
    {
        var cellDegrees = distanceKm / KmPerDegreeLatitude;
        var grid = new Dictionary<(long, long), List<int>>();
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i] is { Latitude: { } lat, Longitude: { } lon })
            {
                var key = ((long)Math.Floor(lat / cellDegrees), (long)Math.Floor(lon / cellDegrees));
                if (!grid.TryGetValue(key, out var cell))
                {
                    cell = [];
                    grid[key] = cell;
                }

                cell.Add(i);
            }
        }

        foreach (var ((latCell, lonCell), members) in grid)
        {
            foreach (var i in members)
            {
                var lat = sites[i].Latitude!.Value;
                var lon = sites[i].Longitude!.Value;
                // The grid does not wrap at ±180° longitude: no Taobao village lies near the antimeridian.
                // A degree of longitude shrinks with cos(latitude): look further east and west.
                var cos = Math.Cos(DegreesToRadians(Math.Min(89.9, Math.Abs(lat) + cellDegrees)));
                var lonReach = (long)Math.Ceiling(1 / Math.Max(cos, 1e-3));
                for (var dLat = -1L; dLat <= 1; dLat++)
                {
                    for (var dLon = -lonReach; dLon <= lonReach; dLon++)
                    {
                        if (!grid.TryGetValue((latCell + dLat, lonCell + dLon), out var other))
                        {
                            continue;
                        }

                        foreach (var j in other)
                        {
                            if (j > i && DistanceKm(lat, lon, sites[j].Latitude!.Value, sites[j].Longitude!.Value) <= distanceKm)
                            {
                                (edges[i] ??= []).Add(j);
                                (edges[j] ??= []).Add(i);
                            }
                        }
                    }
                }
            }
        }
    }
}
