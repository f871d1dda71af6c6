using Microsoft.AspNetCore.Http.Features;

namespace AudioPortal.Web.Limits;

/// <summary>
/// Caps how many bytes of a request body are read, whether or not <c>Content-Length</c> is sent: Kestrel's own limit
/// (it refuses a chunked body as it crosses the limit) plus a counting stream, for hosts that ignore the feature.
/// </summary>
public static class RequestBodyLimit
{
    public static void Apply(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        var inner = http.Request.Body is LimitedRequestStream limited ? limited.Inner : http.Request.Body;
        http.Request.Body = new LimitedRequestStream(inner, maxBytes);
    }

    /// <summary>True when reading failed because the body crossed its limit (ours or Kestrel's).</summary>
    public static bool IsTooLarge(Exception e) =>
        e is RequestBodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    /// <summary>
    /// For an answer given before the body was read to its end: the connection is not kept. Kestrel still discards what
    /// follows up to the body's limit (at most 5 s) so the client can read the answer; past the limit it hangs up. Aborting
    /// at once instead would reset the connection under the client before it has read the answer.
    /// </summary>
    public static void CloseConnection(HttpContext http)
    {
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
        {
            http.Response.Headers.Connection = "close";
        }
    }
}

/// <summary>Thrown by <see cref="LimitedRequestStream"/> when the body has more bytes than allowed.</summary>
public sealed class RequestBodyTooLargeException(long maxBytes)
    : IOException($"The request body is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>A read-only view of the request body that fails once more than the limit has been read.</summary>
internal sealed class LimitedRequestStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > maxBytes ? throw new RequestBodyTooLargeException(maxBytes) : read;
    }
}
