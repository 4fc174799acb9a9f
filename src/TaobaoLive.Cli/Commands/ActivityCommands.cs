using System.Globalization;
using TaobaoLive.Cli.CommandLine;
using TaobaoLive.Cli.Output;

namespace TaobaoLive.Cli.Commands;

/// <summary><c>shop</c>, <c>events</c>, <c>top</c> and <c>platform</c>.</summary>
internal static class ActivityCommands
{
    public const int DefaultTopLimit = 10;

    public static readonly IReadOnlyList<string> Boards = ["villages", "towns", "counties", "cities", "provinces", "clusters"];

    public static readonly IReadOnlyList<string> Orders = ["today", "annual"];

    /// <summary>Business time is China Standard Time: a --since without an offset is read in it.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static async Task<int> Shop(CommandContext context)
    {
        var shopId = context.Argument(0);
        var shop = await context.Find((client, ct) => client.GetShop(shopId, ct), $"shop '{shopId}'");
        if (context.Json)
        {
            context.WriteJson(shop);
            return ExitCodes.Ok;
        }

        TableWriter.WritePairs(context.Output,
        [
            ("shop id", shop.ShopId),
            ("name", shop.Name ?? string.Empty),
            ("village", shop.VillagePath),
            ("village id", shop.VillageId),
            ("annual turnover", $"{Format.Yuan(shop.AnnualTurnover)} yuan"),
            ("today turnover", $"{Format.Yuan(shop.TodayTurnover)} yuan"),
            ("active", shop.Active ? "yes" : "no"),
            ("last paid at", shop.LastPaidAt is { } paidAt ? Format.Time(paidAt) : "never"),
            ("orders", Format.Count(shop.Orders)),
            ("refunds", Format.Count(shop.Refunds)),
        ]);
        return ExitCodes.Ok;
    }

    public static async Task<int> Events(CommandContext context)
    {
        var within = context.Option("within");
        var since = context.Option("since") is { } text ? ParseTime(text) : (DateTimeOffset?)null;
        var limit = context.Number("limit");
        var events = await context.Find((client, ct) => client.GetEvents(within, since, limit, ct), $"region '{within}'");
        if (context.Json)
        {
            context.WriteJson(events);
            return ExitCodes.Ok;
        }

        if (events.Count == 0)
        {
            context.Output.WriteLine("no status changes");
            return ExitCodes.Ok;
        }

        // Clusters by their human name (普宁市集群 (25)), villages and towns by name and path; never ids.
        var table = new TableWriter(new("time"), new("level"), new("kind"), new("change"), new("name"), new("path"), new("cause"));
        foreach (var change in events)
        {
            table.AddRow(Format.Time(change.EventTime), change.Level, change.Kind, $"{change.From} -> {change.To}", change.Name, change.Path, change.Cause);
        }

        table.Write(context.Output);
        return ExitCodes.Ok;
    }

    public static async Task<int> Top(CommandContext context)
    {
        var board = context.Argument(0).ToLowerInvariant();
        if (!Boards.Contains(board))
        {
            throw new UsageException($"board '{context.Argument(0)}' must be one of {string.Join(", ", Boards)}");
        }

        var by = context.Option("by")?.ToLowerInvariant() ?? "today";
        if (!Orders.Contains(by))
        {
            throw new UsageException($"--by '{context.Option("by")}' must be today or annual");
        }

        var limit = context.Number("limit");
        var entries = await context.Client.GetLeaderboard(board, by, limit, context.CancellationToken);
        if (context.Json)
        {
            context.WriteJson(entries);
            return ExitCodes.Ok;
        }

        if (entries.Count == 0)
        {
            context.Output.WriteLine($"no {board} yet");
            return ExitCodes.Ok;
        }

        var withStatus = entries.Any(e => e.Status is not null);
        var columns = new List<TableColumn> { new("rank", AlignRight: true), new("name") };
        if (withStatus)
        {
            columns.Add(new("status"));
        }

        columns.AddRange([new("annual (yuan)", AlignRight: true), new("today (yuan)", AlignRight: true), new(board == "clusters" ? "province" : "path")]);
        var table = new TableWriter(columns);
        foreach (var entry in entries)
        {
            var cells = new List<string> { Format.Count(entry.Rank), entry.Name };
            if (withStatus)
            {
                cells.Add(entry.Status ?? string.Empty);
            }

            cells.AddRange([Format.Yuan(entry.AnnualTurnover), Format.Yuan(entry.TodayTurnover), entry.Path]);
            table.AddRow([.. cells]);
        }

        table.Write(context.Output);
        return ExitCodes.Ok;
    }

    public static async Task<int> Platform(CommandContext context)
    {
        var platform = await context.Client.GetPlatform(context.CancellationToken);
        if (context.Json)
        {
            context.WriteJson(platform);
            return ExitCodes.Ok;
        }

        TableWriter.WritePairs(context.Output,
        [
            ("rule set", platform.RuleSet),
            ("clock", platform.Clock),
            ("now", Format.Time(platform.Now)),
            ("geography", platform.Geography),
            ("provinces", Format.Count(platform.Provinces)),
            ("cities", Format.Count(platform.Cities)),
            ("counties", Format.Count(platform.Counties)),
            ("towns", Format.Count(platform.Towns)),
            ("villages", Format.Count(platform.Villages)),
            ("working set", $"{Format.Mebibytes(platform.WorkingSetBytes)} (peak {Format.Mebibytes(platform.PeakWorkingSetBytes)})"),
            ("managed heap", Format.Mebibytes(platform.ManagedHeapBytes)),
            ("outbox pending", Format.Count(platform.OutboxPending)),
        ]);
        return ExitCodes.Ok;
    }

    public static async Task<int> Silos(CommandContext context)
    {
        var silos = await context.Client.GetSilos(context.CancellationToken);
        if (context.Json)
        {
            context.WriteJson(silos);
            return ExitCodes.Ok;
        }

        var table = new TableWriter(new("silo"), new("status"), new("started"), new("activations", AlignRight: true), new("shops", AlignRight: true), new("villages", AlignRight: true), new("host"));
        foreach (var silo in silos)
        {
            table.AddRow(
                (silo.Answering ? "* " : "  ") + silo.Address,
                silo.Status,
                Format.Time(silo.StartedAt),
                Format.Count(silo.Activations),
                Format.Count(silo.Grains.GetValueOrDefault("shop")),
                Format.Count(silo.Grains.GetValueOrDefault("village")),
                silo.HostName);
        }

        table.Write(context.Output);
        return ExitCodes.Ok;
    }

    /// <summary>ISO 8601; without an offset the time is China Standard Time.</summary>
    private static DateTimeOffset ParseTime(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new UsageException($"--since '{text}' is not an ISO 8601 time such as 2026-11-11T00:00:00+08:00");
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, ChinaStandardTime)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }
}
