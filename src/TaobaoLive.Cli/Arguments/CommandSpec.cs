namespace TaobaoLive.Cli.Arguments;

/// <summary>
/// What a command accepts: its positional arguments (named for messages), the options that take a
/// value and the flags that stand alone.
/// </summary>
internal sealed record CommandSpec(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<string> Options, IReadOnlyList<string> Flags);
