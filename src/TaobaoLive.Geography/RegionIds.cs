using System.Security.Cryptography;
using System.Text;
using TaobaoLive.Abstractions.Regions;

namespace TaobaoLive.Geography;

/// <summary>
/// Stable region ids derived from level and path: "village-" and the first 12 hex digits (48 bits)
/// of SHA-256 over the UTF-8 path. The same file always yields the same ids, so ids in URLs, logs
/// and persisted state survive a restart; a collision is detected at load.
/// </summary>
public static class RegionIds
{
    public const string Country = "country-cn";

    public static string For(RegionLevel level, string path)
    {
        if (level == RegionLevel.Country)
        {
            return Country;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), hash);
        return $"{level.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(hash[..6])}";
    }
}
