using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Input;

/// <summary>A CSV or TSV of shops: <c>shopId,village[,name]</c>, the village an id or a path.</summary>
internal static class ShopFileReader
{
    /// <summary>The API's limit on ids and names.</summary>
    public const int MaxLength = 128;

    private static readonly DelimitedRows Rows = new(["shopId", "village", "name"], required: 2);

    public static (List<NumberedRecord<ShopRecord>> Shops, List<LineError> Errors) Read(string path)
    {
        var shops = new List<NumberedRecord<ShopRecord>>();
        var errors = new List<LineError>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, values) in Rows.Read(path, DelimitedRows.ContentLines(path), errors))
        {
            var (shopId, village, name) = (values[0], values[1], values[2]);
            var problem = shopId is null ? "shopId is empty"
                : shopId.Length > MaxLength ? $"shopId is longer than {MaxLength} characters"
                : village is null ? "village is empty"
                : name?.Length > MaxLength ? $"name is longer than {MaxLength} characters"
                : !firstLine.TryAdd(shopId, line) ? $"shop '{shopId}' appears twice (first on line {firstLine[shopId]})"
                : null;
            if (problem is not null)
            {
                errors.Add(new LineError(line, problem));
                continue;
            }

            shops.Add(new NumberedRecord<ShopRecord>(line, new ShopRecord(shopId!, village!, name)));
        }

        return (shops, errors);
    }
}
