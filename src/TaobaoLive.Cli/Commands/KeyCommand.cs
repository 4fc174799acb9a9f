using System.Globalization;
using TaobaoLive.Cli.CommandLine;
using TaobaoLive.Client;

namespace TaobaoLive.Cli.Commands;

/// <summary>
/// <c>new-key NAME ROLE [--index N]</c>: makes a key here (nothing is sent) and prints it once with the
/// configuration lines that let a host accept it. The host stores only the key's SHA-256.
/// </summary>
internal static class KeyCommand
{
    private static readonly string[] Roles = ["viewer", "ingest", "operator"];

    public static Task<int> New(CommandContext context)
    {
        var name = context.Argument(0);
        var role = context.Argument(1);
        if (name.Length is 0 or > 64 || name.Trim() != name || name.Any(char.IsControl))
        {
            throw new UsageException($"key name '{name}' must be 1-64 characters without surrounding spaces");
        }

        if (!Roles.Contains(role))
        {
            throw new UsageException($"role '{role}' must be viewer, ingest or operator");
        }

        var index = context.Number("index");

        var key = TaobaoLiveKeys.New();
        var at = string.Create(CultureInfo.InvariantCulture, $"TaobaoLive__Auth__Keys__{index}__");
        context.Output.WriteLine($"{at}Name={name}");
        context.Output.WriteLine($"{at}Role={role}");
        context.Output.WriteLine($"{at}Sha256={TaobaoLiveKeys.Sha256(key)}");
        context.Errors.WriteLine($"the key for {name} (shown once; the host keeps only its hash above): {key}");
        context.Errors.WriteLine($"tools send it with --key or ${TaobaoLiveKeys.Variable}; browsers sign in with it at /signin");
        return Task.FromResult(ExitCodes.Ok);
    }
}
