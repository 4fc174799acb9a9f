using System.Text;
using System.Text.Unicode;

namespace TaobaoLive.Host.Api;

/// <summary>
/// Bodies are UTF-8 and nothing else: a body with bytes that are not UTF-8 is refused whole (400)
/// rather than decoded with replacement characters or failing deep inside a handler (500), and a
/// body declared in another charset is refused before it is read (415).
/// </summary>
public static class StrictText
{
    /// <summary>Null when valid, else the 400 message naming the first bad byte's offset.</summary>
    public static string? Utf8Problem(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }

        var offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return $"the body is not valid UTF-8 (byte {offset} is 0x{body[offset]:X2}); send UTF-8 text";
    }

    /// <summary>Null when the Content-Type names no charset or UTF-8, else the 415 message.</summary>
    public static string? CharsetProblem(HttpRequest request)
    {
        var charset = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.Charset.Value : null;
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"charset '{charset}' is not accepted; send UTF-8 (charset=utf-8, or no charset)";
    }

    /// <summary>An endpoint filter: a declared charset other than UTF-8 is 415 before the body is read.</summary>
    public static TBuilder RequireUtf8<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            CharsetProblem(context.HttpContext.Request) is { } problem
                ? ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, problem, "Content-Type")
                : await next(context));
}
