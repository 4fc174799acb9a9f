using System.Net;

namespace TaobaoLive.Host.Security;

/// <summary>
/// Safe by default: with no keys (and no JWT authority) the host runs open, but only when every
/// address it listens on is loopback; otherwise it refuses to start. Decided once, from configuration,
/// before anything listens.
/// </summary>
public sealed class AccessMode
{
    private AccessMode(bool open, bool anonymousRead)
    {
        Open = open;
        AnonymousRead = anonymousRead;
    }

    /// <summary>No keys, loopback only: every request may do everything.</summary>
    public bool Open { get; }

    /// <summary>Reads need no key (open, or TaobaoLive:Auth:AnonymousRead).</summary>
    public bool AnonymousRead { get; }

    /// <summary>The mode for these options and listen URLs, or the one-line reason the host must not start.</summary>
    public static AccessMode Decide(AuthOptions auth, IReadOnlyList<string> urls, out string? refusal)
    {
        refusal = null;
        if (auth.HasCredentials)
        {
            return new AccessMode(open: false, auth.AnonymousRead);
        }

        var exposed = urls.FirstOrDefault(url => !IsLoopback(url));
        if (exposed is not null)
        {
            refusal = $"no keys are configured and {exposed} is not a loopback address; make a key with 'taobaolive new-key NAME operator' and add the line it prints (TaobaoLive__Auth__Keys__0__…) to the host's environment, or listen on 127.0.0.1";
            return new AccessMode(open: false, anonymousRead: false);
        }

        return new AccessMode(open: true, anonymousRead: true);
    }

    /// <summary>
    /// Every address the configuration makes Kestrel listen on: <c>urls</c> (also from --urls and
    /// ASPNETCORE_URLS), <c>http_ports</c>/<c>https_ports</c> (all interfaces) and Kestrel endpoints.
    /// </summary>
    public static IReadOnlyList<string> ListenUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        foreach (var key in new[] { "urls", "http_ports", "https_ports" })
        {
            foreach (var part in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // A bare port listens on every interface.
                urls.Add(key == "urls" ? part : $"http://*:{part}");
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                urls.Add(url);
            }
        }

        return urls;
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1; a wildcard (*, +, 0.0.0.0, [::]) or any other host is not.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        var end = rest.IndexOfAny(['/', '?']);
        if (end >= 0)
        {
            rest = rest[..end];
        }

        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            host = close > 0 ? rest[1..close] : rest;
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
