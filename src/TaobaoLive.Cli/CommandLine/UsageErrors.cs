using System.CommandLine;
using System.CommandLine.Parsing;

namespace TaobaoLive.Cli.CommandLine;

/// <summary>
/// The first thing wrong with a parsed command line, in the command line's own words ("list needs
/// LEVEL", "region has no option --colour"), in the order a reader would fix them: the shape of the
/// options, unknown words, the arguments, then the values.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Null when the line is right.</summary>
    /// <param name="result">The parsed line.</param>
    /// <param name="args">The line as given: a flag's "=value" is visible only there.</param>
    public static string? First(ParseResult result, IReadOnlyList<string> args)
    {
        var command = result.CommandResult.Command;
        var flags = Options(result.CommandResult).Select(o => o.Option).Where(o => o.ValueType == typeof(bool)).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals && flags.Contains(arg[..equals]))
            {
                return $"{arg[..equals]} takes no value";
            }
        }

        foreach (var option in Options(result.CommandResult))
        {
            var name = option.Option.Name;
            if (option.IdentifierTokenCount > 1)
            {
                return $"{name} is given twice";
            }

            if (option.Option.ValueType == typeof(bool))
            {
                if (option.Tokens.Count > 0)
                {
                    return $"{name} takes no value";
                }
            }
            else if (option.Tokens.Count == 0)
            {
                return $"{name} needs a value";
            }
        }

        foreach (var token in result.UnmatchedTokens)
        {
            if (!token.StartsWith('-') || token == "-")
            {
                continue;
            }

            return token.StartsWith("--", StringComparison.Ordinal) && command is not RootCommand
                ? $"{command.Name} has no option {token.Split('=')[0]}"
                : $"unknown option '{token}'";
        }

        if (command is RootCommand && result.UnmatchedTokens.Count > 0)
        {
            return $"unknown command '{result.UnmatchedTokens[0]}'";
        }

        var names = string.Join(' ', command.Arguments.Select(a => a.Name));
        if (command.Arguments.Any(a => result.GetResult(a) is not { Tokens.Count: > 0 }))
        {
            return $"{command.Name} needs {names}";
        }

        if (result.UnmatchedTokens.Count > 0)
        {
            var extra = result.UnmatchedTokens[0];
            return command.Arguments.Count == 0
                ? $"{command.Name} takes no arguments (got '{extra}')"
                : $"{command.Name} takes {names}, not also '{extra}'";
        }

        // No command at all is not an error to explain: the caller prints the usage.
        return result.Errors.FirstOrDefault(e => !(command is RootCommand && e.SymbolResult == result.RootCommandResult))?.Message;
    }

    /// <summary>Options given on the line, the command's own and those inherited from its parents.</summary>
    private static IEnumerable<OptionResult> Options(CommandResult? command)
    {
        for (; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var option in command.Children.OfType<OptionResult>().Where(o => !o.Implicit))
            {
                yield return option;
            }
        }
    }
}
