namespace TaobaoLive.Abstractions.Events;

/// <summary>What a status change is about. Numeric values are persisted.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.SubjectKind")]
public enum SubjectKind
{
    Village = 0,
    Town = 1,
    Cluster = 2,
}
