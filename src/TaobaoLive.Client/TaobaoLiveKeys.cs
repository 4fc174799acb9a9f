using System.Net.Http.Headers;
using System.Security.Cryptography;
using TaobaoLive.Contracts;

namespace TaobaoLive.Client;

/// <summary>API keys on the client side: where tools find one, how it is sent, how a new one is made.</summary>
public static class TaobaoLiveKeys
{
    /// <summary>The environment variable the command line and the simulator read a key from.</summary>
    public const string Variable = "TAOBAOLIVE_KEY";

    private const string Prefix = "tlk_";

    /// <summary>Sends <paramref name="key"/> as <c>Authorization: Bearer</c> on every request (nothing when null or empty).</summary>
    public static HttpClient Apply(HttpClient http, string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>A new key: "tlk_" and 32 random bytes, base64url (256 bits: not guessable, safe in a header).</summary>
    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the host stores: the hex SHA-256 of the key's UTF-8 bytes (<see cref="ApiKeyHash"/>).</summary>
    public static string Sha256(string key) => ApiKeyHash.Of(key);
}
