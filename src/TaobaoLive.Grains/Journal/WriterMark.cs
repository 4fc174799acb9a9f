namespace TaobaoLive.Grains.Journal;

/// <summary>
/// What a shop has applied of one journal writer's entries: everything up to <see cref="Floor"/>
/// (entries the writer has truncated, which can never come again) and the entries above it in
/// <see cref="Applied"/>. Stored with the shop's state, so a replay after a crash skips exactly what
/// the stored state already holds.
/// </summary>
[GenerateSerializer]
[Alias("TaobaoLive.WriterMark")]
public sealed class WriterMark
{
    [Id(0)] public long Writer { get; set; }

    [Id(1)] public long Floor { get; set; }

    [Id(2)] public List<long> Applied { get; set; } = [];

    /// <summary>Wall time of the last entry from this writer; marks of writers silent for a day are dropped.</summary>
    [Id(3)] public DateTimeOffset LastSeen { get; set; }
}
