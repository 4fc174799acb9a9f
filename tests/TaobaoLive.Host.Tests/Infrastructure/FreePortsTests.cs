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
}
