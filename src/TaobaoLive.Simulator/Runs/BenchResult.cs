namespace TaobaoLive.Simulator.Runs;

public sealed record BenchResult(
    int Shops,
    int Connections,
    int BatchSize,
    double Seconds,
    long Accepted,
    long Rejected503,
    double AcceptedPerSecond,
    double VisibleP50Ms,
    double VisibleP99Ms,
    int VisibilitySamples,
    long HostPeakWorkingSetBytes,
    long HostWorkingSetBeforeShopsBytes,
    long HostWorkingSetAfterBytes,
    double BaselineOrdersPerSecond,
    double PushP50Ms,
    double PushP99Ms,
    int PushSamples,
    int PushMissed = 0);
