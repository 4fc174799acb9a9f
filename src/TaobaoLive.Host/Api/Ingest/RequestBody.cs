using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TaobaoLive.Host.Hosting;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>Reads a request body whole, within the size limit, after checking its content type.</summary>
internal static class RequestBody
{
    public const string Json = "application/json";
    public const string NdJson = "application/x-ndjson";

    /// <summary>The media type if it is one of <paramref name="accepted"/>, else null.</summary>
    public static string? MediaType(HttpRequest request, params string[] accepted)
    {
        var type = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type is not null && accepted.Contains(type) ? type : null;
    }

    public static IResult UnsupportedType(HttpRequest request, params string[] accepted) =>
        ApiResults.Error(
            StatusCodes.Status415UnsupportedMediaType,
            $"content type '{request.ContentType ?? "(none)"}' is not accepted; send {string.Join(" or ", accepted)}");

    /// <summary>The body bytes, or null with the 413 answer when it is too large.</summary>
    public static async Task<(byte[]? Body, IResult? Error)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<PlatformHostOptions>>().Value.MaxRequestBytes;
        var tooLarge = ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {limit} bytes; split the batch");
        if (context.Request.ContentLength > limit)
        {
            return (null, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own limit applies (checked below while reading); Kestrel's default of 30 MB must not answer first.
            sizeFeature.MaxRequestBodySize = null;
        }

        var writer = new ArrayBufferWriter<byte>(context.Request.ContentLength is > 0 and var length ? (int)Math.Min(length, limit) : 64 * 1024);
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                if (writer.WrittenCount + segment.Length > limit)
                {
                    await reader.CompleteAsync();
                    return (null, tooLarge);
                }

                writer.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        return (writer.WrittenSpan.ToArray(), null);
    }
}
