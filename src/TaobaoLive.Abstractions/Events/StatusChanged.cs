namespace TaobaoLive.Abstractions.Events;

/// <summary>
/// A status transition of a village, town or cluster. <see cref="EventTime"/> is business time (the
/// clock when it happened: wall time live, the replay's event time in replays); <see cref="Cause"/>
/// says why in words an operator understands. <see cref="Path"/> is the subject's region path (for a
/// cluster, its province's path) so history can be filtered by region.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.StatusChanged")]
public sealed record StatusChanged(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] SubjectKind Subject,
    [property: Id(2)] string Name,
    [property: Id(3)] string Path,
    [property: Id(4)] StatusChangeKind Kind,
    [property: Id(5)] string From,
    [property: Id(6)] string To,
    [property: Id(7)] DateTimeOffset EventTime,
    [property: Id(8)] string Cause,
    [property: Id(9)] IReadOnlyList<string> RelatedIds);
