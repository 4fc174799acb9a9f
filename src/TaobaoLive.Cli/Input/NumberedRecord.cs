namespace TaobaoLive.Cli.Input;

/// <summary>A record read from a file with the line it came from, so the API's answers map back to it.</summary>
internal sealed record NumberedRecord<T>(int Line, T Record);
