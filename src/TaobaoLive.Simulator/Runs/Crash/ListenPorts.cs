using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TaobaoLive.Simulator.Runs.Crash;

/// <summary>
/// Loopback ports for a host to listen on that stay free while it is killed and started again on
/// them. A port from the system's ephemeral range (what binding port 0 hands out) can be taken in
/// between as the local end of any outgoing connection, a pooled database connection or one silo's
/// link to another, and the restart then dies with "address already in use" (a CI run lost its crash
/// test that way). The ports come from below that range, which the system never gives to outgoing
/// connections. Compiled into the test projects as well (tests/Directory.Build.props).
/// </summary>
internal static class ListenPorts
{
    private const int Lowest = 10_000;

    /// <summary>Where the ephemeral range starts when the system does not say (IANA's start).</summary>
    private const int DefaultEphemeralStart = 49_152;

    private static readonly Lazy<int> EphemeralStart = new(ReadEphemeralStart);

    /// <summary>A port nothing listens on now, below the ephemeral range, that <paramref name="accept"/> takes.</summary>
    public static int Next(Func<int, bool>? accept = null)
    {
        var end = EphemeralStart.Value;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, end);
            if (CanListen(port) && (accept is null || accept(port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No loopback port between {Lowest} and {end} is free to listen on.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the ephemeral range, from Linux's ip_local_port_range where there is one.</summary>
    private static int ReadEphemeralStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(RangeFile)
                && int.TryParse(File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && start > Lowest + 1_000)
            {
                return start;
            }
        }
        catch (IOException)
        {
        }

        return DefaultEphemeralStart;
    }
}
