using System.Buffers.Text;
using System.Diagnostics;

namespace TaobaoLive.Host.Security;

/// <summary>
/// One structured line per write or admin request, after it is answered: method, path, who (key
/// name), records accepted, status, request bytes and time. Never a body, a key or a query string.
/// </summary>
public static partial class AuditLog
{
    /// <summary>HttpContext item an endpoint sets to the number of records it accepted.</summary>
    public const string RecordsItem = "taobaolive.audit.records";

    public const string Category = "TaobaoLive.Audit";

    /// <summary>GETs that are admin requests: the operator surfaces.</summary>
    private static readonly string[] AdminPaths = ["/api/silos", "/api/platform", "/openapi", "/dashboard"];

    public static IApplicationBuilder UseTaobaoLiveAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var write = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        if (!write && !AdminPaths.Any(p => request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // Order batches answer {"accepted":N,…}: the count is read from the answer's first bytes (a
        // tee, nothing buffered), so the ingest endpoint needs no knowledge of the audit.
        var capture = write && request.Path.StartsWithSegments("/api/orders") ? new PrefixCapture(context.Response.Body) : null;
        if (capture is not null)
        {
            context.Response.Body = capture;
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (capture is not null)
            {
                context.Response.Body = capture.Inner;
            }

            var records = context.Items.TryGetValue(RecordsItem, out var value) && value is int counted ? counted
                : capture?.Accepted() ?? 0;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
            Write(logger, request.Method, request.Path.Value ?? "/", context.User.Identity?.Name ?? "anonymous", records, context.Response.StatusCode,
                request.ContentLength ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.Connection.RemoteIpAddress?.ToString());
        }
    });

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Audit {Method} {Path} by {Key}: {Records} records, status {Status}, {RequestBytes} bytes in, {ElapsedMs:0} ms, from {Address}")]
    private static partial void Write(ILogger logger, string method, string path, string key, int records, int status, long requestBytes, double elapsedMs, string? address);

    /// <summary>Passes every write through and keeps the first bytes of the answer.</summary>
    private sealed class PrefixCapture(Stream inner) : Stream
    {
        private const string AcceptedPrefix = "{\"accepted\":";
        private readonly byte[] _prefix = new byte[32];
        private int _length;

        public Stream Inner => inner;

        public int? Accepted()
        {
            var text = System.Text.Encoding.ASCII.GetString(_prefix, 0, _length);
            if (!text.StartsWith(AcceptedPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            return Utf8Parser.TryParse(_prefix.AsSpan(AcceptedPrefix.Length, _length - AcceptedPrefix.Length), out int accepted, out _) ? accepted : null;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = _prefix.Length - _length;
            if (room > 0)
            {
                var take = Math.Min(room, bytes.Length);
                bytes[..take].CopyTo(_prefix.AsSpan(_length));
                _length += take;
            }
        }
    }
}
