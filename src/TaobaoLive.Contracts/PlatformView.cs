namespace TaobaoLive.Contracts;

/// <summary>
/// What the platform runs with: rule set, clock, geography and its size, this process's memory, and
/// the orders and refunds this silo's shops have applied since it started, however they came in
/// (dashboards derive orders per second from it).
/// </summary>
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
    long OutboxPending,
    long AcceptedOrders);
