namespace TaobaoLive.Client.Contracts;

/// <summary>What the platform runs with: rule set, clock, geography and its size, and this process's memory.</summary>
public sealed record PlatformView(
    string RuleSet,
    string Clock,
    DateTimeOffset Now,
    string Geography,
    int Provinces,
    int Cities,
    int Counties,
    int Towns,
    int Villages,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long ManagedHeapBytes,
    long OutboxPending);
