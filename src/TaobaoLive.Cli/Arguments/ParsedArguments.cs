using System.Globalization;

namespace TaobaoLive.Cli.Arguments;

/// <summary>
/// A command line split into the command, its positional arguments, <c>--option value</c> (or
/// <c>--option=value</c>) pairs and flags. Options may come before or after the command; after
/// <c>--</c> everything is positional.
/// </summary>
internal sealed class ParsedArguments
{
    /// <summary>Options that never take a value; every other <c>--name</c> does.</summary>
    public static readonly IReadOnlySet<string> KnownFlags = new HashSet<string>(StringComparer.Ordinal) { "json", "help", "members" };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ParsedArguments()
    {
    }

    /// <summary>The first positional argument; null when there is none.</summary>
    public string? Command => _positionals.Count > 0 ? _positionals[0] : null;

    public IReadOnlyList<string> Arguments => _positionals.Skip(1).ToList();

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (onlyPositionals || token.Length == 0 || token[0] != '-' || token == "-")
            {
                parsed._positionals.Add(token);
                continue;
            }

            if (token == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (token == "-h")
            {
                parsed._flags.Add("help");
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{token}'");
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? token[2..] : token[2..equals];
            if (KnownFlags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"--{name} takes no value");
                }

                parsed._flags.Add(name);
                continue;
            }

            string value;
            if (equals >= 0)
            {
                value = token[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value");
            }

            if (!parsed._options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string Argument(int index) => Arguments[index];

    public int PositiveInt(string name, int fallback) =>
        Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new UsageException($"--{name} '{text}' must be a whole number of at least 1");

    /// <summary>
    /// Checks the line against what <paramref name="spec"/> accepts, plus the global options
    /// (<paramref name="globalOptions"/>, <paramref name="globalFlags"/>).
    /// </summary>
    public void Validate(CommandSpec spec, IReadOnlyCollection<string> globalOptions, IReadOnlyCollection<string> globalFlags)
    {
        foreach (var name in _options.Keys)
        {
            if (!spec.Options.Contains(name) && !globalOptions.Contains(name))
            {
                throw new UsageException($"{spec.Name} has no option --{name}");
            }
        }

        foreach (var name in _flags)
        {
            if (!spec.Flags.Contains(name) && !globalFlags.Contains(name))
            {
                throw new UsageException($"{spec.Name} has no option --{name}");
            }
        }

        if (Arguments.Count < spec.Arguments.Count)
        {
            throw new UsageException($"{spec.Name} needs {string.Join(" ", spec.Arguments)}");
        }

        if (Arguments.Count > spec.Arguments.Count)
        {
            throw new UsageException(spec.Arguments.Count == 0
                ? $"{spec.Name} takes no arguments (got '{Arguments[0]}')"
                : $"{spec.Name} takes {string.Join(" ", spec.Arguments)}, not also '{Arguments[spec.Arguments.Count]}'");
        }
    }
}
