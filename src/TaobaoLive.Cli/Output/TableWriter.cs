using System.Globalization;
using System.Text;

namespace TaobaoLive.Cli.Output;

/// <summary>
/// A plain-text table whose columns line up in a terminal: widths are display columns, not chars,
/// so 陈店镇 takes six columns like "abcdef". Columns are separated by two spaces; lines carry no
/// trailing spaces.
/// </summary>
public sealed class TableWriter(params IReadOnlyList<TableColumn> columns)
{
    private const string Gap = "  ";

    private readonly List<string[]> _rows = [];

    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"a row of this table has {Columns.Count} cells, not {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = Columns.Select((column, i) => _rows.Select(row => DisplayWidth(row[i])).Append(DisplayWidth(column.Header)).Max()).ToArray();
        WriteLine(writer, Columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, row, widths);
        }
    }

    /// <summary>A key/value block: keys padded to one width, values after two spaces.</summary>
    public static void WritePairs(TextWriter writer, IReadOnlyList<(string Key, string Value)> pairs)
    {
        var width = pairs.Count == 0 ? 0 : pairs.Max(p => DisplayWidth(p.Key));
        foreach (var (key, value) in pairs)
        {
            writer.WriteLine((Pad(key, width, alignRight: false) + Gap + value).TrimEnd());
        }
    }

    /// <summary>
    /// Terminal columns <paramref name="text"/> occupies: East Asian wide and fullwidth characters
    /// (Unicode UAX #11 classes W and F: CJK ideographs, kana, hangul, fullwidth forms) take two,
    /// combining marks, format and control characters none, everything else one.
    /// </summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Width(rune);
        }

        return width;
    }

    public static string Pad(string text, int width, bool alignRight)
    {
        var padding = Math.Max(0, width - DisplayWidth(text));
        return alignRight ? new string(' ', padding) + text : text + new string(' ', padding);
    }

    private void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(Gap);
            }

            line.Append(Pad(cells[i], widths[i], Columns[i].AlignRight));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }

    private static int Width(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x20 || value is >= 0x7F and < 0xA0)
        {
            return 0;
        }

        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        return IsWide(value) ? 2 : 1;
    }

    private static bool IsWide(int c) => c is
        (>= 0x1100 and <= 0x115F)     // Hangul Jamo leading consonants
        or (>= 0x2E80 and <= 0x303E)  // CJK radicals, Kangxi radicals, CJK symbols and punctuation (U+3000 ideographic space)
        or (>= 0x3041 and <= 0x33FF)  // kana, Bopomofo, Hangul compatibility Jamo, enclosed CJK, CJK compatibility
        or (>= 0x3400 and <= 0x4DBF)  // CJK Extension A
        or (>= 0x4E00 and <= 0x9FFF)  // CJK Unified Ideographs
        or (>= 0xA000 and <= 0xA4CF)  // Yi
        or (>= 0xA960 and <= 0xA97F)  // Hangul Jamo Extended-A
        or (>= 0xAC00 and <= 0xD7A3)  // Hangul syllables
        or (>= 0xF900 and <= 0xFAFF)  // CJK compatibility ideographs
        or (>= 0xFE10 and <= 0xFE19)  // vertical forms
        or (>= 0xFE30 and <= 0xFE6F)  // CJK compatibility forms, small form variants
        or (>= 0xFF01 and <= 0xFF60)  // fullwidth ASCII and punctuation
        or (>= 0xFFE0 and <= 0xFFE6)  // fullwidth signs (￥, ￡)
        or (>= 0x1F300 and <= 0x1F64F) // pictographs and emoticons
        or (>= 0x1F900 and <= 0x1F9FF) // supplemental symbols and pictographs
        or (>= 0x20000 and <= 0x3FFFD); // CJK Extensions B and later, planes 2 and 3
}
