using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using TaobaoLive.Cli.Commands;

namespace TaobaoLive.Cli.CommandLine;

/// <summary>
/// Every command of <c>taobaolive</c>, declared once: its name, arguments, options, description, the
/// section of the help it is listed in and what runs it. The parser and <see cref="UsageText"/> both
/// read these definitions.
/// </summary>
internal sealed class CliCommands
{
    private readonly Dictionary<Command, Func<CommandContext, Task<int>>> _runners = [];
    private readonly List<CommandSection> _sections = [];

    public CliCommands()
    {
        Root.Options.Clear();
        Root.Options.Add(Help);
        Root.Options.Add(Host);
        Root.Options.Add(Key);
        Root.Options.Add(Json);
        Root.Subcommands.Add(HelpCommand);

        Section("regions",
            Define("search", SearchCommand.Search,
                "regions by name prefix (东风), code prefix (4452) or a path ending in one (广东省/揭阳市/普宁市/新寮): full paths, exact names first",
                [Text("QUERY")], [Within(), Limit(SearchCommand.DefaultLimit)]),
            Define("region", RegionCommands.Region,
                "one region: status, turnover, shops, Taobao village/town/cluster counts",
                [Text("REGION")], []),
            Define("children", RegionCommands.Children, "its child regions", [Text("REGION")], []),
            Define("list", RegionCommands.List,
                "regions of a level (country, province, city, county, town, village); STATUS is taobao-village or none for villages, taobao-town or none for towns",
                [Text("LEVEL")], [Within(), Value("--status", "STATUS"), Limit(RegionCommands.DefaultLimit)]),
            Define("villages", RegionCommands.Villages,
                "Taobao villages (list village --status taobao-village)",
                [], [Within(), Limit(RegionCommands.DefaultLimit)]),
            Define("towns", RegionCommands.Towns,
                "Taobao towns (list town --status taobao-town)",
                [], [Within(), Limit(RegionCommands.DefaultLimit)]),
            Define("clusters", RegionCommands.Clusters,
                "village clusters; --members lists their villages",
                [], [Within(), Flag("--members")]),
            Define("top", ActivityCommands.Top,
                "leaderboard of villages, towns, counties, cities, provinces or clusters",
                [Text("BOARD")], [Value("--by", "today|annual"), Limit(ActivityCommands.DefaultTopLimit)]),
            Define("events", ActivityCommands.Events,
                "the latest status changes, oldest first; TIME is ISO 8601 (+08:00 if it has no offset)",
                [], [Within(), Value("--since", "TIME"), Limit(RegionCommands.DefaultLimit)]),
            Define("shop", ActivityCommands.Shop, "one shop", [Text("SHOP_ID")], []),
            Define("platform", ActivityCommands.Platform, "the host's rule set, clock, geography and memory", [], []),
            Define("silos", ActivityCommands.Silos,
                "the cluster's silos (status, start, the one answering: *) and the grains each holds",
                [], []));
        Section("data",
            Define("load-shops", LoadCommands.LoadShops,
                "register shops from CSV or TSV: shopId,village[,name] (header optional; village an id or path); a bad line is reported and nothing is sent; a progress bar on a terminal",
                [Text("FILE")], [Batch()]),
            Define("load-orders", LoadCommands.LoadOrders,
                "post orders from NDJSON ({\"orderId\",\"shopId\",\"amount\",\"paidAt\",\"type\"}) or CSV/TSV orderId,shopId,amount,paidAt[,kind]: amount in yuan with at most two decimals, paidAt ISO 8601 with offset, kind payment or refund; a progress bar on a terminal",
                [Text("FILE")], [Batch()]),
            Define("check-geography", GeographyCommand.Check,
                "load a geography TSV here and count its regions, or say exactly which line and column is wrong; a host loads one at start with --TaobaoLive:Geography=FILE (the default is the built-in national geography: the 2023 division codes with the 2015 list)",
                [Text("FILE")], []));
        Section("keys",
            Define("new-key", KeyCommand.New,
                "make a key for NAME (ROLE viewer, ingest or operator); prints the host's configuration lines (TaobaoLive__Auth__Keys__N__…, the key's SHA-256, never the key) on stdout and the key once on stderr",
                [Text("NAME"), Text("ROLE")], [WholeNumber("--index", minimum: 0)]));
    }

    public RootCommand Root { get; } = new("taobaolive — the TaobaoLive operator command line");

    /// <summary>The HTTP address of the host; default <see cref="CliApp.HostVariable"/>, else <see cref="CliApp.DefaultHost"/>.</summary>
    public Option<string> Host { get; } = new("--host")
    {
        HelpName = "URL",
        Recursive = true,
        Description = $"the host's HTTP address (default: ${CliApp.HostVariable}, else {CliApp.DefaultHost})",
    };

    public Option<string> Key { get; } = new("--key")
    {
        HelpName = "KEY",
        Recursive = true,
        Description = $"the API key sent as 'Authorization: Bearer' (default: ${TaobaoLive.Client.TaobaoLiveKeys.Variable}; prefer the variable: a command line is visible to other users of the machine)",
    };

    public Option<bool> Json { get; } = new("--json") { Recursive = true, Description = "print the API's JSON instead of tables" };

    /// <summary>--help, -h: the one usage text whatever command it follows.</summary>
    public HelpOption Help { get; } = new() { Description = "this text" };

    /// <summary><c>help [COMMAND]</c>: the usage text, as --help; not listed.</summary>
    public Command HelpCommand { get; } = new("help") { Hidden = true, Arguments = { new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore } } };

    public IReadOnlyList<CommandSection> Sections => _sections;

    /// <summary>What runs a parsed command; none for the root and <c>help</c>.</summary>
    public Func<CommandContext, Task<int>>? Runner(Command command) => _runners.GetValueOrDefault(command);

    private void Section(string title, params Command[] commands)
    {
        foreach (var command in commands)
        {
            Root.Subcommands.Add(command);
        }

        _sections.Add(new CommandSection(title, commands));
    }

    private Command Define(string name, Func<CommandContext, Task<int>> run, string description, IReadOnlyList<Argument> arguments, IReadOnlyList<Option> options)
    {
        // Unmatched tokens are reported by UsageErrors in the command line's own words.
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        _runners.Add(command, run);
        return command;
    }

    private static Argument<string> Text(string name) => new(name) { Arity = ArgumentArity.ExactlyOne };

    private static Option<string> Value(string name, string helpName) => new(name) { HelpName = helpName };

    private static Option<string> Within() => Value("--within", "REGION");

    private static Option<bool> Flag(string name) => new(name);

    private static Option<int> Limit(int fallback) => WholeNumber("--limit", minimum: 1, fallback);

    private static Option<int> Batch() => WholeNumber("--batch", minimum: 1, LoadCommands.DefaultBatch);

    private static Option<int> WholeNumber(string name, int minimum, int fallback = 0) => new(name)
    {
        HelpName = "N",
        DefaultValueFactory = _ => fallback,
        CustomParser = result => ParseWholeNumber(result, name, minimum),
    };

    private static int ParseWholeNumber(ArgumentResult result, string name, int minimum)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        result.AddError(minimum == 1 ? $"{name} '{text}' must be a whole number of at least 1" : $"{name} '{text}' must be a whole number");
        return 0;
    }
}
