using System.CommandLine;

namespace TaobaoLive.Cli.CommandLine;

/// <summary>A titled group of commands in the usage text (regions, data, keys).</summary>
internal sealed record CommandSection(string Title, IReadOnlyList<Command> Commands);
