namespace TaobaoLive.Geography;

/// <summary>One village of the 2015 list: where it was found (or placed) and why.</summary>
/// <param name="Line">Line in the 2015 file (1-based, the header is line 1).</param>
/// <param name="ListPath">Its path on the 2015 list.</param>
/// <param name="Outcome">Exact, renamed or unmatched.</param>
/// <param name="Path">The path it has in the geography (for an unmatched village: under the deepest level that matched).</param>
/// <param name="Code">Its 12-digit division code; null when unmatched.</param>
/// <param name="Reason">The renames and moves applied, or why nothing matched.</param>
public sealed record ListMatchEntry(int Line, string ListPath, ListMatchOutcome Outcome, string Path, string? Code, string Reason);
