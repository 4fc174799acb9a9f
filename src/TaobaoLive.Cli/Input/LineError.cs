namespace TaobaoLive.Cli.Input;

/// <summary>Why one line of an input file cannot be sent; <see cref="Line"/> is 1-based.</summary>
internal sealed record LineError(int Line, string Reason);
