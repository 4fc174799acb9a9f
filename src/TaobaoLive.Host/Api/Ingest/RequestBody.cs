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

    /// <summary>
    /// The body in a pooled buffer (dispose it when done), or null with the 413 answer when it is too
    /// large. Pooled because a 1,000-order batch is about 100 KB: a fresh array per request lands on
    /// the large object heap and forces a full collection every few seconds under load.
    /// </summary>
    public static async Task<(PooledBody? Body, IResult? Error)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
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

        var body = new PooledBody(context.Request.ContentLength is > 0 and var length ? (int)Math.Min(length, limit) : 64 * 1024);
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                if (body.Length + segment.Length > limit)
                {
                    body.Dispose();
                    await reader.CompleteAsync();
                    return (null, tooLarge);
                }

                body.Append(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        return (body, null);
    }
}

/// <summary>A request body held in an array rented from the shared pool; returned on dispose.</summary>
internal sealed class PooledBody(int initialCapacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + bytes.Length));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Length = 0;
    }
}
