using System.Text;

namespace TaobaoLive.Cli.Input;

/// <summary>
/// Rows of a CSV or TSV file with known columns and an optional header. The delimiter is a tab for
/// <c>.tsv</c> files and files whose first line holds a tab, else a comma. The first line is a header
/// when its first field names a column; a header may order the columns as it likes. Without one
/// the columns come in their documented order, the optional ones last. CSV fields may be quoted
/// (<c>"a, b"</c>, <c>""</c> for a quote); TSV fields are taken as they are. Values are trimmed and
/// an empty value counts as absent.
/// </summary>
internal sealed class DelimitedRows
{
    private readonly string[] _columns;
    private readonly int _required;
    private readonly IReadOnlyDictionary<string, string> _aliases;

    /// <param name="columns">Column names in positional order.</param>
    /// <param name="required">How many leading columns every row must have.</param>
    /// <param name="aliases">Other header names for a column (normalised) → the column's name.</param>
    public DelimitedRows(IReadOnlyList<string> columns, int required, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _columns = [.. columns];
        _required = required;
        _aliases = aliases ?? new Dictionary<string, string>();
    }

    /// <summary>Each row's values in column order (null where absent); problems go to <paramref name="errors"/>.</summary>
    public IEnumerable<(int Line, string?[] Values)> Read(string path, IEnumerable<(int Number, string Text)> lines, List<LineError> errors)
    {
        char? delimiter = null;
        int[]? header = null;
        var positional = string.Join(",", _columns.Take(_required)) + string.Concat(_columns.Skip(_required).Select(c => $"[,{c}]"));
        var first = true;
        foreach (var (number, text) in lines)
        {
            var isFirst = first;
            first = false;
            delimiter ??= path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || text.Contains('\t') ? '\t' : ',';
            if (!TrySplit(text, delimiter.Value, out var fields, out var splitError))
            {
                errors.Add(new LineError(number, splitError));
                continue;
            }

            if (isFirst && Column(fields[0]) is not null)
            {
                header = Header(fields, number, errors);
                if (header is null)
                {
                    yield break;
                }

                continue;
            }

            if (header is not null && fields.Count != header.Length)
            {
                errors.Add(new LineError(number, $"expected {Fields(header.Length)} as in the header but found {Fields(fields.Count)}"));
                continue;
            }

            if (header is null && (fields.Count < _required || fields.Count > _columns.Length))
            {
                errors.Add(new LineError(number, $"expected {positional} but found {Fields(fields.Count)}"));
                continue;
            }

            var values = new string?[_columns.Length];
            for (var i = 0; i < fields.Count; i++)
            {
                var value = fields[i].Trim();
                values[header is null ? i : header[i]] = value.Length == 0 ? null : value;
            }

            yield return (number, values);
        }
    }

    /// <summary>Lines of a UTF-8 file (BOM tolerated) with their numbers, without blank and <c>#</c> comment lines.</summary>
    public static IEnumerable<(int Number, string Text)> ContentLines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>Splits one line; a CSV field that starts with a quote runs to its closing quote.</summary>
    public static bool TrySplit(string line, char delimiter, out List<string> fields, out string error)
    {
        fields = [];
        error = string.Empty;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (delimiter == ',' && i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "a quoted field has no closing quote";
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != delimiter)
                {
                    error = $"unexpected text after a quoted field at character {i + 1}";
                    return false;
                }
            }
            else
            {
                var end = line.IndexOf(delimiter, i);
                field.Append(end < 0 ? line.AsSpan(i) : line.AsSpan(i, end - i));
                i = end < 0 ? line.Length : end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the delimiter
        }
    }

    private static string Fields(int count) => count == 1 ? "1 field" : $"{count} fields";

    /// <summary>Header names compare without case, spaces, '_' or '-': "Shop ID", "shop_id" and "shopId" are one.</summary>
    private static string Normalise(string name) =>
        new([.. name.Trim().Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);

    private string? Column(string headerField)
    {
        var normalised = Normalise(headerField);
        return _columns.FirstOrDefault(c => Normalise(c) == normalised) ?? _aliases.GetValueOrDefault(normalised);
    }

    private int[]? Header(List<string> fields, int number, List<LineError> errors)
    {
        var layout = new int[fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var column = Column(fields[i]);
            if (column is null)
            {
                errors.Add(new LineError(number, $"unknown column '{fields[i].Trim()}' in the header; columns are {string.Join(", ", _columns)}"));
                return null;
            }

            if (!seen.Add(column))
            {
                errors.Add(new LineError(number, $"column '{column}' appears twice in the header"));
                return null;
            }

            layout[i] = Array.IndexOf(_columns, column);
        }

        var missing = _columns.Take(_required).Where(c => !seen.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new LineError(number, $"the header lacks column {string.Join(", ", missing)}"));
            return null;
        }

        return layout;
    }
}
