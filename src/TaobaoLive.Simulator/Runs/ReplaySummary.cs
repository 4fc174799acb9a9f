namespace TaobaoLive.Simulator.Runs;

public sealed record ReplaySummary(int Days, long Orders, long TurnoverFen, TimeSpan Elapsed);
