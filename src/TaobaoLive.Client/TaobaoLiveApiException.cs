using System.Net;
using TaobaoLive.Contracts;

namespace TaobaoLive.Client;

/// <summary>The API answered with an error status; <see cref="Errors"/> holds its per-record reasons.</summary>
public sealed class TaobaoLiveApiException(HttpStatusCode status, IReadOnlyList<ApiError> errors, TimeSpan? retryAfter)
    : Exception($"{(int)status} {status}: {string.Join("; ", errors.Select(e => e.Index >= 0 ? $"[{e.Index}] {e.Field}: {e.Message}" : e.Message))}")
{
    public HttpStatusCode Status { get; } = status;

    public IReadOnlyList<ApiError> Errors { get; } = errors;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
