using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TaobaoLive.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml read as docker-compose reads it (YAML with merge keys).</summary>
public static class ComposeFile
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "deploy", "compose", "compose.yaml");

    public static IReadOnlyDictionary<string, object> Services { get; } = Load();

    public static Dictionary<object, object> Map(object value) => (Dictionary<object, object>)value;

    /// <summary>The variable that moves the cluster's network, and the address prefix it defaults to.</summary>
    public const string SubnetVariable = "TAOBAOLIVE_SUBNET_PREFIX";
    public const string DefaultSubnetPrefix = "172.30.70";

    /// <summary>A service's fixed address on the cluster network, as written (with the prefix variable).</summary>
    public static string Address(string service) =>
        (string)Map(Map(Map(Services[service])["networks"])["cluster"])["ipv4_address"];

    /// <summary>A service's address when the network's prefix is <paramref name="subnetPrefix"/>.</summary>
    public static string Address(string service, string subnetPrefix) =>
        Address(service).Replace($"${{{SubnetVariable}:-{DefaultSubnetPrefix}}}", subnetPrefix, StringComparison.Ordinal);

    private static Dictionary<string, object> Load()
    {
        using var reader = new StringReader(File.ReadAllText(Path));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return Map(document["services"]).ToDictionary(kv => (string)kv.Key, kv => kv.Value);
    }
}
