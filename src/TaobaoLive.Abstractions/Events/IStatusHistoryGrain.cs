namespace TaobaoLive.Abstractions.Events;

/// <summary>The recent status changes of the whole platform (bounded), fed by the status stream. Key: <see cref="Key"/>.</summary>
[Alias("TaobaoLive.IStatusHistoryGrain")]
public interface IStatusHistoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Changes whose path starts with <paramref name="pathPrefix"/> (null: all) at or after <paramref name="since"/>, oldest first.</summary>
    [Alias("Query")]
    Task<IReadOnlyList<StatusChanged>> Query(string? pathPrefix, DateTimeOffset? since, int limit);
}
