namespace TaobaoLive.Cli;

/// <summary>An expected failure whose message is the whole story for the operator: exit code 1, no stack trace.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
