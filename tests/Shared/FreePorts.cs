using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TaobaoLive.Testing;

/// <summary>
/// Loopback ports nobody listens on, so test silos never collide with a running host. The system
/// hands a released ephemeral port out again at will (CI once gave one test's silo and gateway the
/// same port), so a port is never handed out twice within a test process.
/// </summary>
public static class FreePorts
{
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No loopback port free that this test process has not already handed out.");
    }
}
