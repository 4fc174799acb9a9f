using System.CommandLine;
using System.Text;
using TaobaoLive.Cli.Output;

namespace TaobaoLive.Cli.CommandLine;

/// <summary>
/// The one help text of <c>taobaolive</c>, written from <see cref="CliCommands"/>: each command's
/// synopsis (arguments, then its options in brackets) and description, by section, then the global
/// options. Only the paragraphs that belong to no command are written here.
/// </summary>
internal static class UsageText
{
    /// <summary>Where a command's description starts; a longer synopsis puts it on the next line.</summary>
    private const int CommandColumn = 32;

    private const int OptionColumn = 14;

    /// <summary>Descriptions are wrapped to end before this column.</summary>
    private const int Width = 104;

    public static string Render(CliCommands commands)
    {
        var text = new StringBuilder();
        text.AppendLine(commands.Root.Description);
        text.AppendLine();
        text.AppendLine("usage: taobaolive [--host URL] [--key KEY] [--json] COMMAND [ARGUMENTS]");
        text.AppendLine();
        Paragraph(text, "A REGION is an id (a division code such as 445281 or 445281102201, country-cn, or for a region without a code village-0123456789ab) or a path (广东省/揭阳市/普宁市).", indent: 0);
        foreach (var section in commands.Sections)
        {
            text.AppendLine();
            text.AppendLine(section.Title);
            foreach (var command in section.Commands)
            {
                Entry(text, Synopsis(command), command.Description ?? string.Empty, CommandColumn);
            }
        }

        text.AppendLine();
        text.AppendLine("options");
        foreach (var option in new Option[] { commands.Host, commands.Key, commands.Json, commands.Help })
        {
            Entry(text, Label(option), option.Description ?? string.Empty, OptionColumn);
        }

        text.AppendLine();
        text.Append("exit codes: 0 done, 1 failed (API error, not found, bad input, host unreachable), 2 usage error");
        return text.ToString().ReplaceLineEndings();
    }

    /// <summary>"list LEVEL [--within REGION] [--status STATUS] [--limit N]".</summary>
    public static string Synopsis(Command command) =>
        string.Join(' ', [command.Name, .. command.Arguments.Select(a => a.Name), .. command.Options.Select(o => $"[{Label(o)}]")]);

    /// <summary>"--limit N", or "--members" for an option that takes no value.</summary>
    private static string Label(Option option) =>
        option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName}";

    private static void Entry(StringBuilder text, string label, string description, int column)
    {
        var head = "  " + label;
        var lines = Wrap(description, Width - column);
        if (head.Length + 1 > column)
        {
            text.AppendLine(head);
        }
        else
        {
            text.Append(head.PadRight(column)).AppendLine(lines[0]);
            lines.RemoveAt(0);
        }

        foreach (var line in lines)
        {
            text.Append(' ', column).AppendLine(line);
        }
    }

    private static void Paragraph(StringBuilder text, string words, int indent)
    {
        foreach (var line in Wrap(words, Width - indent))
        {
            text.Append(' ', indent).AppendLine(line);
        }
    }

    /// <summary>Greedy word wrap in display columns (a CJK character takes two).</summary>
    private static List<string> Wrap(string words, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && TableWriter.DisplayWidth(line.ToString()) + 1 + TableWriter.DisplayWidth(word) > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
