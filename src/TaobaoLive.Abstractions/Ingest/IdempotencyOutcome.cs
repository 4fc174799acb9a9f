namespace TaobaoLive.Abstractions.Ingest;

[GenerateSerializer]
[Alias("TaobaoLive.IdempotencyOutcome")]
public enum IdempotencyOutcome
{
    /// <summary>First time: go ahead, then complete or abandon.</summary>
    Started = 0,

    /// <summary>Another request with this key is being processed now.</summary>
    InProgress = 1,

    /// <summary>Answered before: repeat the stored answer.</summary>
    Completed = 2,

    /// <summary>The key was used for a different request body.</summary>
    Mismatch = 3,
}
