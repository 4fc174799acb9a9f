namespace TaobaoLive.Host.Security;

/// <summary>Who may do what: the <c>TaobaoLive:Auth</c> section, validated at start.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "TaobaoLive:Auth";

    public const int DefaultRequestsPerSecond = 200;

    public const int DefaultAnonymousRequestsPerSecond = 20;

    public static readonly TimeSpan DefaultSignInLifetime = TimeSpan.FromHours(8);

    /// <summary>The keys. None (the default) means open, and is allowed only when every URL is loopback.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>Reads (API, pages, hub) without a key, e.g. for a wall screen; writes still need one. Default false.</summary>
    public bool AnonymousRead { get; set; }

    /// <summary>Requests per second per key (token bucket, burst twice this). Default 200.</summary>
    public int RequestsPerSecond { get; set; } = DefaultRequestsPerSecond;

    /// <summary>Requests per second per client address for anonymous reads. Default 20.</summary>
    public int AnonymousRequestsPerSecond { get; set; } = DefaultAnonymousRequestsPerSecond;

    /// <summary>How long a browser sign-in lasts (sliding). Default 8 hours.</summary>
    public TimeSpan SignInLifetime { get; set; } = DefaultSignInLifetime;

    /// <summary>
    /// A directory holding the keys that protect sign-in cookies. Hosts behind one load balancer must
    /// share it (a cookie made by one host is then read by all); default: ASP.NET Core's per-user key ring.
    /// </summary>
    public string? CookieKeyDirectory { get; set; }

    /// <summary>An OpenID Connect authority whose JWT bearer tokens are accepted too (optional).</summary>
    public string? JwtAuthority { get; set; }

    /// <summary>The audience JWTs must carry; required with <see cref="JwtAuthority"/>.</summary>
    public string? JwtAudience { get; set; }

    /// <summary>The JWT claim holding viewer/ingest/operator. Default "roles".</summary>
    public string JwtRoleClaim { get; set; } = "roles";

    public bool HasCredentials => Keys.Count > 0 || JwtAuthority is not null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var at = $"TaobaoLive:Auth:Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Trim() != key.Name || key.Name.Length > 64)
            {
                problems.Add($"{at}:Name must be 1-64 characters without surrounding spaces.");
            }
            else if (!names.Add(key.Name))
            {
                problems.Add($"{at}:Name '{key.Name}' is used by two keys.");
            }

            if (!TaobaoLiveRoles.IsRole(key.Role))
            {
                problems.Add($"{at}:Role '{key.Role}' must be viewer, ingest or operator.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                problems.Add($"{at}:Sha256 must be 64 hex digits (the SHA-256 of the key; 'taobaolive new-key' prints it).");
            }
            else if (!hashes.Add(key.Sha256))
            {
                problems.Add($"{at}:Sha256 is the same as another key's.");
            }

            if (key.RequestsPerSecond < 0)
            {
                problems.Add($"{at}:RequestsPerSecond must not be negative.");
            }
        }

        if (RequestsPerSecond < 1 || AnonymousRequestsPerSecond < 1)
        {
            problems.Add("TaobaoLive:Auth:RequestsPerSecond and AnonymousRequestsPerSecond must be at least 1.");
        }

        if (SignInLifetime < TimeSpan.FromMinutes(1) || SignInLifetime > TimeSpan.FromDays(30))
        {
            problems.Add($"TaobaoLive:Auth:SignInLifetime {SignInLifetime} must be between 1 minute and 30 days.");
        }

        if (JwtAuthority is not null && string.IsNullOrWhiteSpace(JwtAudience))
        {
            problems.Add("TaobaoLive:Auth:JwtAudience is required with JwtAuthority.");
        }

        return problems;
    }
}
