using System.Net;
using System.Net.Sockets;

namespace TaobaoLive.Testing;

/// <summary>Loopback ports nobody listens on, so test silos never collide with a running host.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
