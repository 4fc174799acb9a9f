using TaobaoLive.Cli.Output;

namespace TaobaoLive.Cli.Commands;

/// <summary><c>search QUERY [--within REGION] [--limit N]</c>: regions by name or code prefix, ranked by the host.</summary>
internal static class SearchCommand
{
    public const int DefaultLimit = 20;

    public static async Task<int> Search(CommandContext context)
    {
        var query = context.Argument(0);
        var within = context.Option("within");
        var limit = context.Number("limit");
        var hits = await context.Find((client, ct) => client.SearchRegions(query, within, limit, ct), $"region '{within}'");
        if (context.Json)
        {
            context.WriteJson(hits);
            return ExitCodes.Ok;
        }

        if (hits.Count == 0)
        {
            context.Output.WriteLine(within is null ? $"nothing matches '{query}'" : $"nothing within {within} matches '{query}'");
            return ExitCodes.Ok;
        }

        var table = new TableWriter(new("path"), new("level"), new("code"), new("full name"), new("2015"));
        foreach (var hit in hits)
        {
            table.AddRow(hit.Path, hit.Level, hit.Code ?? hit.Id, hit.FullName, hit.Listed2015 ? "listed" : string.Empty);
        }

        table.Write(context.Output);
        return ExitCodes.Ok;
    }
}
