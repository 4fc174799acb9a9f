namespace TaobaoLive.Contracts;

/// <summary>
/// The answer to an accepted batch: records applied, and records left out because their producer
/// had already delivered them (<c>Producer-Id</c> and <c>seq</c>).
/// </summary>
public sealed record IngestResult(int Accepted, DateTimeOffset AcceptedAt, int Duplicates = 0);
