using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TaobaoLive.Host.Security;

/// <summary>The configured keys by the SHA-256 of the key; makes the principal a key signs in as.</summary>
public sealed class ApiKeyStore
{
    /// <summary>Claim holding the hash of the key a cookie was made from, so removing the key ends its sign-ins.</summary>
    public const string KeyHashClaim = "taobaolive:key-sha256";

    private readonly Dictionary<string, ApiKeyEntry> _byHash;
    private readonly Dictionary<string, ApiKeyEntry> _byName;

    public ApiKeyStore(IOptions<AuthOptions> options)
    {
        _byHash = options.Value.Keys.ToDictionary(k => k.Sha256.ToLowerInvariant(), StringComparer.Ordinal);
        _byName = options.Value.Keys.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    public static string Hash(string key) => Contracts.ApiKeyHash.Of(key);

    /// <summary>The entry for a presented key, by its hash (the key itself is never compared or kept).</summary>
    public ApiKeyEntry? Find(string key) => FindByHash(Hash(key));

    public ApiKeyEntry? FindByHash(string hash) => _byHash.GetValueOrDefault(hash);

    public ApiKeyEntry? FindByName(string name) => _byName.GetValueOrDefault(name);

    public static ClaimsPrincipal Principal(ApiKeyEntry key, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(KeyHashClaim, key.Sha256.ToLowerInvariant()),
        };
        claims.AddRange(TaobaoLiveRoles.Included(key.Role).Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
