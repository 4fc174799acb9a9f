namespace TaobaoLive.Client.Contracts;

/// <summary>What the platform runs with: rule set, clock, geography and its size.</summary>
public sealed record PlatformView(
    string RuleSet,
    string Clock,
    DateTimeOffset Now,
    string Geography,
    int Provinces,
    int Cities,
    int Counties,
    int Towns,
    int Villages);
