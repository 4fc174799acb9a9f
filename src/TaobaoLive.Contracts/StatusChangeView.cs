namespace TaobaoLive.Contracts;

/// <summary>A status change: kind is e.g. "qualified", "lapsed", "cluster-formed", "cluster-merged".</summary>
public sealed record StatusChangeView(
    string SubjectId,
    string Subject,
    string Level,
    string Name,
    string Path,
    string Kind,
    string From,
    string To,
    DateTimeOffset EventTime,
    string Cause,
    IReadOnlyList<string> RelatedIds);
