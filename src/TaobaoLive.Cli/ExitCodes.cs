namespace TaobaoLive.Cli;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The API refused, something was not found, a file was bad, or the host could not be reached.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
