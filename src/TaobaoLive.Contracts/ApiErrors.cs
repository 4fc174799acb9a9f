namespace TaobaoLive.Contracts;

/// <summary>The body of every 4xx/5xx answer: <c>{ "errors": [ { "index", "field", "message" } ] }</c>.</summary>
public sealed record ApiErrors(IReadOnlyList<ApiError> Errors);
