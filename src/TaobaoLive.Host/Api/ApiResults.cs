using Microsoft.AspNetCore.Http.HttpResults;
using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>Every error answer has the same shape: <c>{ "errors": [ { "index", "field", "message" } ] }</c>.</summary>
internal static class ApiResults
{
    public static JsonHttpResult<ApiErrors> Error(int status, string message, string? field = null, int index = -1) =>
        TypedResults.Json(new ApiErrors([new ApiError(index, field, message)]), statusCode: status);

    public static JsonHttpResult<ApiErrors> Errors(int status, IReadOnlyList<ApiError> errors) =>
        TypedResults.Json(new ApiErrors(errors), statusCode: status);

    public static JsonHttpResult<ApiErrors> NotFound(string message, string field) => Error(StatusCodes.Status404NotFound, message, field);

    public static JsonHttpResult<ApiErrors> BadRequest(string message, string? field = null) => Error(StatusCodes.Status400BadRequest, message, field);
}
