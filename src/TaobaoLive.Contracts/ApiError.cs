namespace TaobaoLive.Contracts;

/// <summary>One problem with a request: <see cref="Index"/> is the record's position in the batch (-1: the request as a whole).</summary>
public sealed record ApiError(int Index, string? Field, string Message);
