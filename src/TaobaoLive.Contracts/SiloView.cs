namespace TaobaoLive.Contracts;

/// <summary>
/// One silo of the cluster as the membership table and the silo's own statistics see it: its
/// address, name and host, membership status, when it started, whether it is the silo answering this
/// request, and how many grain activations of each kind it holds (shop, village, town, ...).
/// </summary>
public sealed record SiloView(
    string Address,
    string Name,
    string HostName,
    string Status,
    DateTimeOffset StartedAt,
    bool Answering,
    int Activations,
    IReadOnlyDictionary<string, int> Grains);
