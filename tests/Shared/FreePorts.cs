using System.Collections.Concurrent;
using TaobaoLive.Simulator.Runs.Crash;

namespace TaobaoLive.Testing;

/// <summary>
/// Loopback ports nobody listens on, so test silos never collide with a running host. They come from
/// below the system's ephemeral range (<see cref="ListenPorts"/>), so a host a test kills and starts
/// again on its ports does not find one taken by an outgoing connection in between; and a port is
/// never handed out twice within a test process (CI once gave one test's silo and gateway the same port).
/// </summary>
public static class FreePorts
{
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next() => ListenPorts.Next(port => HandedOut.TryAdd(port, 0));
}
