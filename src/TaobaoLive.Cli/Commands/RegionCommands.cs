using TaobaoLive.Cli.CommandLine;
using TaobaoLive.Cli.Output;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Commands;

/// <summary><c>region</c>, <c>children</c>, <c>list</c>, <c>towns</c>, <c>villages</c> and <c>clusters</c>.</summary>
internal static class RegionCommands
{
    public const int DefaultLimit = 100;

    public static readonly IReadOnlyList<string> Levels = ["country", "province", "city", "county", "town", "village"];

    public static async Task<int> Region(CommandContext context)
    {
        var idOrPath = context.Argument(0);
        var region = await context.Find((client, ct) => client.GetRegion(idOrPath, ct), $"region '{idOrPath}'");
        if (context.Json)
        {
            context.WriteJson(region);
            return ExitCodes.Ok;
        }

        TableWriter.WritePairs(context.Output, Details(region));
        return ExitCodes.Ok;
    }

    public static async Task<int> Children(CommandContext context)
    {
        var idOrPath = context.Argument(0);
        var children = await context.Find((client, ct) => client.GetChildren(idOrPath, ct), $"region '{idOrPath}'");
        WriteRegions(context, children, byPath: false, $"{idOrPath} has no child regions");
        return ExitCodes.Ok;
    }

    public static async Task<int> List(CommandContext context)
    {
        var level = context.Argument(0).ToLowerInvariant();
        if (!Levels.Contains(level))
        {
            throw new UsageException($"level '{context.Argument(0)}' must be one of {string.Join(", ", Levels)}");
        }

        return await List(context, level, context.Option("status"));
    }

    public static Task<int> Towns(CommandContext context) => List(context, "town", "taobao-town");

    public static Task<int> Villages(CommandContext context) => List(context, "village", "taobao-village");

    public static async Task<int> Clusters(CommandContext context)
    {
        var within = context.Option("within");
        var clusters = await context.Find((client, ct) => client.GetClusters(within, ct), $"region '{within}'");
        if (context.Json)
        {
            context.WriteJson(clusters);
            return ExitCodes.Ok;
        }

        if (clusters.Count == 0)
        {
            context.Output.WriteLine(within is null ? "no clusters" : $"no clusters within {within}");
            return ExitCodes.Ok;
        }

        var table = new TableWriter(new("name"), new("status"), new("size", AlignRight: true), new("annual (yuan)", AlignRight: true), new("province"), new("id"));
        foreach (var cluster in clusters)
        {
            // A cluster never crosses a province: its members' first path segment names it.
            var province = cluster.Members.Count > 0 ? cluster.Members[0].Path.Split('/')[0] : string.Empty;
            table.AddRow(cluster.Name ?? cluster.Id, cluster.Status, Format.Count(cluster.Size), Format.Yuan(cluster.AnnualTurnover), province, cluster.Id);
        }

        table.Write(context.Output);
        if (context.Flag("members"))
        {
            foreach (var cluster in clusters)
            {
                context.Output.WriteLine();
                context.Output.WriteLine($"{cluster.Name ?? cluster.Id} {cluster.Id}, {Format.Plural(cluster.Members.Count, "village")}:");
                foreach (var member in cluster.Members)
                {
                    context.Output.WriteLine($"  {member.Path}");
                }
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> List(CommandContext context, string level, string? status)
    {
        var within = context.Option("within");
        var limit = context.Number("limit");
        var regions = await context.Find((client, ct) => client.ListRegions(level, within, status, limit, ct), $"region '{within}'");
        var plural = level switch
        {
            "country" => "countries",
            "city" => "cities",
            "county" => "counties",
            _ => level + "s",
        };
        var what = $"{plural}{(status is null ? string.Empty : $" with status {status}")}{(within is null ? string.Empty : $" within {within}")}";
        WriteRegions(context, regions, byPath: true, $"no {what}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// One row per region. The status column appears when any region has one (villages and towns),
    /// the Taobao village count for levels above the village.
    /// </summary>
    private static void WriteRegions(CommandContext context, IReadOnlyList<RegionView> regions, bool byPath, string none)
    {
        if (context.Json)
        {
            context.WriteJson(regions);
            return;
        }

        if (regions.Count == 0)
        {
            context.Output.WriteLine(none);
            return;
        }

        var withStatus = regions.Any(r => r.Status is not null);
        var aboveVillage = regions.Any(r => r.Level != "village");
        var columns = new List<TableColumn> { new(byPath ? "path" : "name") };
        if (withStatus)
        {
            columns.Add(new("status"));
        }

        columns.AddRange([new("annual (yuan)", AlignRight: true), new("today (yuan)", AlignRight: true), new("active shops", AlignRight: true), new("shops", AlignRight: true)]);
        if (aboveVillage)
        {
            columns.Add(new("taobao villages", AlignRight: true));
        }

        columns.Add(new("id"));
        var table = new TableWriter(columns);
        foreach (var region in regions)
        {
            var cells = new List<string> { byPath ? region.Path : region.Name };
            if (withStatus)
            {
                cells.Add(region.Status ?? string.Empty);
            }

            cells.AddRange([Format.Yuan(region.AnnualTurnover), Format.Yuan(region.TodayTurnover), Format.Count(region.ActiveShops), Format.Count(region.Shops)]);
            if (aboveVillage)
            {
                cells.Add(Format.Count(region.TaobaoVillages));
            }

            cells.Add(region.Id);
            table.AddRow([.. cells]);
        }

        table.Write(context.Output);
    }

    private static List<(string Key, string Value)> Details(RegionView region)
    {
        var pairs = new List<(string Key, string Value)>
        {
            ("id", region.Id),
            ("level", region.Level),
            ("name", region.Name),
            ("path", region.Path),
        };
        if (region.Status is not null)
        {
            pairs.Add(("status", region.Status));
            if (region.StatusSince is { } since)
            {
                pairs.Add(("status since", Format.Time(since)));
            }

            if (region.StatusCause is { Length: > 0 } cause)
            {
                pairs.Add(("status cause", cause));
            }
        }

        pairs.Add(("annual turnover", $"{Format.Yuan(region.AnnualTurnover)} yuan"));
        pairs.Add(("today turnover", $"{Format.Yuan(region.TodayTurnover)} yuan"));
        pairs.Add(("active shops", Format.Count(region.ActiveShops)));
        pairs.Add(("shops", Format.Count(region.Shops)));
        if (region.Households is { } households)
        {
            pairs.Add(("households", Format.Count(households)));
        }

        if (region.Level != "village")
        {
            pairs.Add(("taobao villages", Format.Count(region.TaobaoVillages)));
            pairs.Add(("taobao towns", Format.Count(region.TaobaoTowns)));
            pairs.Add(("clusters", Format.Count(region.Clusters)));
            pairs.Add(("child regions", Format.Count(region.Children)));
        }

        return pairs;
    }
}
