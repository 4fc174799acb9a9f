using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Security;

/// <summary>
/// A host with a cluster certificate speaks TLS on its Orleans ports and accepts only peers that
/// present that certificate: an Orleans client with it connects and calls a grain; one without a
/// certificate, or with another self-signed one, cannot connect. (Silo-to-silo connections use the
/// same options.)
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly string _certificateFile = Path.Combine(Path.GetTempPath(), $"taobaolive-cluster-{Guid.NewGuid():N}.pfx");
    private readonly X509Certificate2 _certificate = SelfSigned("CN=taobaolive-cluster");
    private TlsHost _host = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(_certificateFile, _certificate.Export(X509ContentType.Pkcs12, "cluster-secret"));
        _host = new TlsHost(_certificateFile);
        _ = _host.Server;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        File.Delete(_certificateFile);
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_connects_and_one_without_it_cannot()
    {
        // The trusted client may wait longer than Orleans' 5 s for its connection: a clean-clone CI
        // run, with other test classes running beside it, once timed it out.
        using (var trusted = await Client(_certificate, openTimeout: TimeSpan.FromSeconds(20)))
        {
            var hosts = await trusted.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Single(hosts);
        }

        var plain = await Assert.ThrowsAsync<Orleans.Runtime.Messaging.ConnectionFailedException>(() => Client(null));
        var intruder = await Assert.ThrowsAsync<Orleans.Runtime.Messaging.ConnectionFailedException>(() => Client(SelfSigned("CN=intruder")));
        Assert.Equal("Unable to connect to any of the 1 available gateways.", plain.Message);
        Assert.Equal("Unable to connect to any of the 1 available gateways.", intruder.Message);
    }

    [Fact]
    public void A_certificate_that_cannot_be_read_stops_the_host_with_one_line()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"taobaolive-broken-{Guid.NewGuid():N}.pfx");
        File.WriteAllText(broken, "not a certificate");
        try
        {
            using var host = new TlsHost(broken);
            var refusal = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Server);
            Assert.StartsWith($"TaobaoLive:ClusterCertificate '{broken}' cannot be read (", Assert.Single(refusal.Failures), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private async Task<IHost> Client(X509Certificate2? certificate, TimeSpan? openTimeout = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, _host.GatewayPort));
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = ("taobaolive", "taobaolive"));
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (openTimeout is { } timeout)
            {
                client.Configure<ConnectionOptions>(connection => connection.OpenConnectionTimeout = timeout);
            }

            if (certificate is not null)
            {
                client.UseTaobaoLiveTls(certificate);
            }
        });
        var host = builder.Build();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StartAsync(bound.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    private sealed class TlsHost(string certificateFile) : HostFixture
    {
        public int GatewayPort { get; } = FreePorts.Next();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["TaobaoLive:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TaobaoLive:ClusterCertificate"] = certificateFile,
            ["TaobaoLive:ClusterCertificatePassword"] = "cluster-secret",
        };
    }
}
