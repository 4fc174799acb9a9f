using System.Globalization;
using System.Text;

namespace TaobaoLive.Geography;

/// <summary>The 2015 list matched to the division codes, one entry per listed village.</summary>
public sealed class ListMatchReport(string packageName, IReadOnlyList<ListMatchEntry> entries)
{
    public IReadOnlyList<ListMatchEntry> Entries { get; } = entries;

    public int Count(ListMatchOutcome outcome) => Entries.Count(e => e.Outcome == outcome);

    public int Matched => Entries.Count - Count(ListMatchOutcome.Unmatched);

    /// <summary>The report as it appears in Data/README.md (Markdown, generated: see the test that keeps it current).</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var rate = Entries.Count == 0 ? 0m : Math.Round(100m * Matched / Entries.Count, 1);
        text.Append(invariant, $"Matched against {packageName}: **{Matched} of {Entries.Count} villages ({rate.ToString("0.0", invariant)}%)**, ")
            .Append(invariant, $"{Count(ListMatchOutcome.Exact)} under their 2015 names at every level and {Count(ListMatchOutcome.Renamed)} through renames or moves; ")
            .Append(invariant, $"{Count(ListMatchOutcome.Unmatched)} unmatched, kept under their 2015 names.\n\n");
        AppendTable(text, "Matched through renames or moves", Entries.Where(e => e.Outcome == ListMatchOutcome.Renamed), withCode: true);
        AppendTable(text, "Unmatched (kept under the 2015 name, marked `aliresearch2015`)", Entries.Where(e => e.Outcome == ListMatchOutcome.Unmatched), withCode: false);
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, string title, IEnumerable<ListMatchEntry> rows, bool withCode)
    {
        var list = rows.ToList();
        text.Append(CultureInfo.InvariantCulture, $"{title}: {list.Count}\n\n");
        if (list.Count == 0)
        {
            return;
        }

        text.Append(withCode ? "| line | 2015 path | code | path now | how |\n| --- | --- | --- | --- | --- |\n" : "| line | 2015 path | placed at | why |\n| --- | --- | --- | --- |\n");
        foreach (var e in list)
        {
            if (withCode)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {e.Line} | {e.ListPath} | {e.Code} | {e.Path} | {e.Reason} |\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"| {e.Line} | {e.ListPath} | {e.Path} | {e.Reason} |\n");
            }
        }

        text.Append('\n');
    }
}
