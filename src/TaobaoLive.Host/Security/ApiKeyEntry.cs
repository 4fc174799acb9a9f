namespace TaobaoLive.Host.Security;

/// <summary>
/// One configured key: <c>TaobaoLive:Auth:Keys:N:Name</c>, <c>:Role</c> and <c>:Sha256</c>, the hex
/// SHA-256 of the key's UTF-8 bytes. The server never holds the key itself.
/// </summary>
public sealed class ApiKeyEntry
{
    /// <summary>Who holds the key; appears in the audit log and rate-limit partition. Required, unique.</summary>
    public string Name { get; set; } = "";

    /// <summary>viewer, ingest or operator.</summary>
    public string Role { get; set; } = "";

    /// <summary>64 hex digits (either case).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Requests per second this key may make (a token bucket twice as deep); 0 uses <see cref="AuthOptions.RequestsPerSecond"/>.</summary>
    public int RequestsPerSecond { get; set; }
}
