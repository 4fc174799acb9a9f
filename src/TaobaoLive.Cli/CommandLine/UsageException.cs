namespace TaobaoLive.Cli.CommandLine;

/// <summary>The command line itself is wrong: exit code 2, the message and a pointer to the usage.</summary>
internal sealed class UsageException(string message) : Exception(message);
