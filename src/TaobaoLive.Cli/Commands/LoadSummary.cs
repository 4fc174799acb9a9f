namespace TaobaoLive.Cli.Commands;

/// <summary>What a load did, for <c>--json</c>.</summary>
internal sealed record LoadSummary(string File, int Records, int Accepted, int Batches);
