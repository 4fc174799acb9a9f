namespace TaobaoLive.Host.Tests.Infrastructure;

/// <summary>The test silos' silo and gateway ports come from <see cref="FreePorts"/>; two equal ones refuse to start.</summary>
public sealed class FreePortsTests
{
    [Fact]
    public void A_port_is_never_handed_out_twice()
    {
        // Binding port 0 again and again hands released ports out anew: on this machine a thousand
        // binds gave 972 distinct ports, and each repeat could be a silo whose gateway is its own port.
        var ports = Enumerable.Range(0, 1000).Select(_ => FreePorts.Next()).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void Ports_come_from_below_the_ephemeral_range()
    {
        // A host killed and started again on its ports must not find one taken by an outgoing
        // connection in between: the system gives those their local port from the ephemeral range.
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeralStart = File.Exists(RangeFile)
            ? int.Parse(File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture)
            : 49_152;
        var ports = Enumerable.Range(0, 200).Select(_ => FreePorts.Next()).ToList();
        Assert.All(ports, port => Assert.InRange(port, 1_024, ephemeralStart - 1));
    }
}
