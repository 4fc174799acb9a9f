using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Security;

/// <summary>
/// Mutual TLS between silos and for gateway clients (Microsoft.Orleans.Connections.Security), by
/// certificate pinning: every end presents the cluster's certificate and accepts only a peer whose
/// certificate is that one (or one of <see cref="PlatformHostOptions.ClusterCertificateThumbprints"/>).
/// A self-signed certificate shared by the silos is enough; no public CA can vouch for a stranger.
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseTaobaoLiveTls(this ISiloBuilder silo, PlatformHostOptions options)
    {
        if (options.ClusterCertificate is not { } path)
        {
            return silo;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.ClusterCertificatePassword);
        }
        catch (CryptographicException exception)
        {
            throw new OptionsValidationException(TaobaoLiveOptionsSection, typeof(PlatformHostOptions),
                [$"TaobaoLive:ClusterCertificate '{path}' cannot be read ({exception.Message}); check the file and TaobaoLive:ClusterCertificatePassword"]);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new OptionsValidationException(TaobaoLiveOptionsSection, typeof(PlatformHostOptions),
                [$"TaobaoLive:ClusterCertificate '{path}' has no private key; export it with its key (PKCS#12)"]);
        }

        var accepted = Accepted(certificate, options.ClusterCertificateThumbprints);
        return silo.UseTls(certificate, tls => Configure(tls, accepted));
    }

    /// <summary>The same for an Orleans client of a TLS cluster (a tool connecting to the gateway).</summary>
    public static IClientBuilder UseTaobaoLiveTls(this IClientBuilder client, X509Certificate2 certificate, IEnumerable<string>? alsoAccepted = null) =>
        client.UseTls(certificate, tls => Configure(tls, Accepted(certificate, alsoAccepted ?? [])));

    private const string TaobaoLiveOptionsSection = "TaobaoLive";

    private static HashSet<string> Accepted(X509Certificate2 own, IEnumerable<string> extra) =>
        new(extra.Select(t => t.Replace(":", "", StringComparison.Ordinal).Trim()).Append(own.Thumbprint), StringComparer.OrdinalIgnoreCase);

    private static void Configure(TlsOptions tls, HashSet<string> accepted)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Pinned: the chain (self-signed, or a private CA) does not matter, the certificate does.
        tls.RemoteCertificateValidation = (certificate, _, _) => certificate is not null && accepted.Contains(certificate.Thumbprint);
    }
}
