using TaobaoLive.Client.Contracts;

namespace TaobaoLive.Host.Api;

/// <summary>Every error answer has the same shape: <c>{ "errors": [ { "index", "field", "message" } ] }</c>.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string message, string? field = null, int index = -1) =>
        Results.Json(new ApiErrors([new ApiError(index, field, message)]), statusCode: status);

    public static IResult Errors(int status, IReadOnlyList<ApiError> errors) =>
        Results.Json(new ApiErrors(errors), statusCode: status);

    public static IResult NotFound(string message, string field) => Error(StatusCodes.Status404NotFound, message, field);

    public static IResult BadRequest(string message, string? field = null) => Error(StatusCodes.Status400BadRequest, message, field);
}
