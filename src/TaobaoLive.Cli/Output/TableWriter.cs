using Spectre.Console;
using Spectre.Console.Rendering;

namespace TaobaoLive.Cli.Output;

/// <summary>
/// A plain-text table whose columns line up in a terminal, laid out by Spectre.Console: widths are
/// display columns (East Asian width), not chars, so 陈店镇 takes six columns like "abcdef". Columns
/// are separated by two spaces; lines carry no trailing spaces and are never wrapped, so a script
/// reading the output sees one row per line whatever the terminal's width.
/// </summary>
public sealed class TableWriter(params IReadOnlyList<TableColumn> columns)
{
    private const int Gap = 2;

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

    public void Write(TextWriter writer) => Write(writer, headers: true);

    private void Write(TextWriter writer, bool headers)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        table.ShowHeaders = headers;
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = new Spectre.Console.TableColumn(new Text(Columns[i].Header))
            {
                Alignment = Columns[i].AlignRight ? Justify.Right : Justify.Left,
                NoWrap = true,
                Padding = new Padding(0, 0, i < Columns.Count - 1 ? Gap : 0, 0),
            };
            table.AddColumn(column);
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        Render(writer, table, Columns.Select((_, i) => _rows.Select(r => DisplayWidth(r[i])).Append(DisplayWidth(Columns[i].Header)).Max() + Gap).Sum());
    }

    /// <summary>A key/value block: keys padded to one width, values after two spaces.</summary>
    public static void WritePairs(TextWriter writer, IReadOnlyList<(string Key, string Value)> pairs)
    {
        var table = new TableWriter(new TableColumn(string.Empty), new TableColumn(string.Empty));
        foreach (var (key, value) in pairs)
        {
            table.AddRow(key, value);
        }

        table.Write(writer, headers: false);
    }

    /// <summary>
    /// Terminal columns <paramref name="text"/> occupies, as Spectre.Console counts them (Unicode
    /// UAX #11: wide and fullwidth characters take two; combining marks, format and control
    /// characters none).
    /// </summary>
    public static int DisplayWidth(string text) => text.GetCellWidth();

    /// <summary>Renders on a console of exactly the table's width, without colour or control codes.</summary>
    private static void Render(TextWriter writer, IRenderable table, int width)
    {
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = Math.Max(width, 1);
        console.Write(table);
        foreach (var line in text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            writer.WriteLine(line.TrimEnd());
        }
    }
}
