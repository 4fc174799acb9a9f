namespace TaobaoLive.Deploy.Tests;

/// <summary>
/// deploy/compose read as docker-compose reads it (YAML with merge keys): three silos, each
/// advertising its own fixed address on PostgreSQL, and an nginx balancer that carries WebSockets.
/// Structural; <see cref="Cluster.ComposeClusterTests"/> brings it up where Docker runs.
/// </summary>
public sealed class ComposeTests
{
    private static readonly IReadOnlyDictionary<string, object> Services = ComposeFile.Services;

    [Fact]
    public void Three_silos_on_PostgreSQL_each_advertising_its_own_address_under_its_own_name()
    {
        var silos = new[] { "silo1", "silo2", "silo3" }.Select(name => (Name: name, Service: Map(Services[name]))).ToList();

        foreach (var (name, service) in silos)
        {
            var environment = Map(service["environment"]);
            var address = Map(Map(Map(service["networks"])["cluster"]))["ipv4_address"];
            Assert.Equal(address, environment["TaobaoLive__AdvertisedAddress"]);
            Assert.Equal(name, environment["TaobaoLive__SiloName"]);
            Assert.Equal("PostgreSql", environment["TaobaoLive__Store"]);
            Assert.StartsWith("Host=postgres;", (string)environment["ConnectionStrings__TaobaoLive"], StringComparison.Ordinal);
            Assert.Equal("45s", service["stop_grace_period"]);
            Assert.Equal("00:00:05", environment["TaobaoLive__ShutdownDrainDelay"]);
        }

        Assert.Equal(3, silos.Select(s => Map(s.Service["environment"])["TaobaoLive__AdvertisedAddress"]).Distinct().Count());
        Assert.Equal(
            ["172.30.70.11", "172.30.70.12", "172.30.70.13"],
            silos.Select(s => ComposeFile.Address(s.Name, ComposeFile.DefaultSubnetPrefix)));
    }

    [Fact]
    public void The_balancer_spreads_requests_over_the_three_silos_and_carries_WebSockets_to_one()
    {
        var balancer = Map(Services["balancer"]);
        var nginx = Repository.Read("deploy", "compose", "nginx.conf");

        Assert.Contains("./nginx.conf:/etc/nginx/conf.d/default.conf:ro", ((List<object>)balancer["volumes"]).Cast<string>());
        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            Assert.Equal(2, nginx.Split($"server {silo}:8080").Length - 1);
        }

        var hub = nginx[nginx.IndexOf("location /hubs/", StringComparison.Ordinal)..];
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", hub, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", hub, StringComparison.Ordinal);
        Assert.Contains("proxy_http_version 1.1;", nginx, StringComparison.Ordinal);
        Assert.Contains("ip_hash;", nginx, StringComparison.Ordinal);
    }

    private static Dictionary<object, object> Map(object value) => ComposeFile.Map(value);
}
