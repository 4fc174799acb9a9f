namespace TaobaoLive.Host.Api;

/// <summary>
/// The one form a shop id has everywhere (registration, orders, <c>GET /api/shops/{shopId}</c>, the
/// command line): 1-128 characters, none of them whitespace at either end, a control character, or
/// one a URL path would split or unescape (<c>/ \ ? # %</c>). An id outside it is refused, never
/// trimmed or escaped into another id, so an id that registers can always be read back.
/// </summary>
public static class ShopIds
{
    public const int MaxLength = 128;

    private static readonly char[] Reserved = ['/', '\\', '?', '#', '%'];

    /// <summary>Null when <paramref name="id"/> is canonical, else why not.</summary>
    public static string? Problem(string id)
    {
        if (id.Length == 0)
        {
            return "shopId is empty";
        }

        if (id.Length > MaxLength)
        {
            return $"shopId is longer than {MaxLength} characters";
        }

        if (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return "shopId has whitespace at its start or end; ids are taken exactly as sent, never trimmed";
        }

        if (id.Any(char.IsControl))
        {
            return "shopId contains a control character";
        }

        return id.IndexOfAny(Reserved) is var at and >= 0
            ? $"shopId contains '{id[at]}'; shop ids may not contain / \\ ? # or % (they could not be read back by URL)"
            : null;
    }
}
