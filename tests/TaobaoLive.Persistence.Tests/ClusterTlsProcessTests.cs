using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using TaobaoLive.Persistence.Tests.Infrastructure;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Persistence.Tests;

/// <summary>
/// Mutual TLS between silos, with separate processes on one membership table: a silo started with
/// the cluster's certificate joins; one started without a certificate, and one with another
/// self-signed certificate, are refused by the running silo and never become members (each keeps
/// failing Orleans' connectivity check that a joining silo must pass).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsProcessTests(PostgresServer postgres) : IDisposable
{
    private const string Password = "cluster-secret";

    // Orleans' own line, logged at Error by a joining silo for every failed attempt. The counts
    // depend on how many silos are active when it tries: the first alone, or the first and the
    // member that holds the certificate, whichever reached the table first.
    private static readonly Regex RefusedJoin = new(@"Failed to get ping responses from [12] of [12] active silos", RegexOptions.CultureInvariant);

    private readonly string _directory = Directory.CreateTempSubdirectory("taobaolive-tls-").FullName;

    [Fact]
    public async Task A_silo_with_the_cluster_certificate_joins_and_silos_without_it_cannot()
    {
        var database = await postgres.CreateDatabaseAsync();
        var geography = Path.Combine(_directory, "geography.tsv");
        await File.WriteAllTextAsync(geography, SyntheticGeography.Tsv(4, seed: 5));
        var cluster = WriteCertificate("cluster.pfx", "CN=taobaolive-cluster");
        var other = WriteCertificate("other.pfx", "CN=taobaolive-intruder");

        using var first = new HostProcess(database, Settings(geography, cluster));
        await first.WaitUntilHealthy();
        using var plain = new HostProcess(database, Settings(geography, certificate: null));
        using var intruder = new HostProcess(database, Settings(geography, other));
        using var member = new HostProcess(database, Settings(geography, cluster));

        await member.WaitUntilHealthy();
        var members = await Eventually.Until(() => first.Api.GetSilos(), s => s.Count(x => x.Status == "Active") == 2, "the silo with the certificate active beside the first", TimeSpan.FromSeconds(60));
        await Eventually.Until(() => Task.FromResult(plain.Output), output => RefusedJoin.IsMatch(output), "the silo without a certificate refused", TimeSpan.FromSeconds(90));
        await Eventually.Until(() => Task.FromResult(intruder.Output), output => RefusedJoin.IsMatch(output), "the silo with another certificate refused", TimeSpan.FromSeconds(90));

        // Both tried and were refused; neither is a member, and neither host is serving.
        var silos = await first.Api.GetSilos();
        Assert.Equal(2, silos.Count(s => s.Status == "Active"));
        Assert.Equal(members.Where(s => s.Status == "Active").Select(s => s.Address).Order(StringComparer.Ordinal), silos.Where(s => s.Status == "Active").Select(s => s.Address).Order(StringComparer.Ordinal));
        Assert.False(await Healthy(plain));
        Assert.False(await Healthy(intruder));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] Settings(string geography, string? certificate) =>
    [
        $"--TaobaoLive:Geography={geography}",
        "--TaobaoLive:MembershipProbeTimeout=00:00:01",
        "--TaobaoLive:MembershipMissedProbesLimit=2",
        .. certificate is null ? Array.Empty<string>() : [$"--TaobaoLive:ClusterCertificate={certificate}", $"--TaobaoLive:ClusterCertificatePassword={Password}"],
    ];

    private static async Task<bool> Healthy(HostProcess host)
    {
        try
        {
            using var response = await host.Api.Http.GetAsync("healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private string WriteCertificate(string name, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
