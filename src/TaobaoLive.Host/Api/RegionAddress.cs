using TaobaoLive.Geography;

namespace TaobaoLive.Host.Api;

/// <summary>
/// A region named in a route: its id, or its path either in plain segments or escaped as one
/// segment. The server decodes every escape in a route value except %2F, which would otherwise
/// change the path's segments, so a path sent as one segment arrives with %2F still in it.
/// </summary>
internal static class RegionAddress
{
    public static bool TryResolve(GeographyModel geography, string address, out Region region) =>
        geography.TryResolve(address, out region) || (address.Contains('%', StringComparison.Ordinal) && geography.TryResolve(Unescape(address), out region));

    public static string Unescape(string address)
    {
        try
        {
            return Uri.UnescapeDataString(address);
        }
        catch (UriFormatException)
        {
            return address;
        }
    }
}
