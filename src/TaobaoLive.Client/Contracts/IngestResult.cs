namespace TaobaoLive.Client.Contracts;

/// <summary>The answer to an accepted batch.</summary>
public sealed record IngestResult(int Accepted, DateTimeOffset AcceptedAt);
