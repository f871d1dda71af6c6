using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AudioPortal.Web.Tests.Limits;

/// <summary>What a raw chunked upload saw: the status line, how much it got to send, and whether the server hung up on it.</summary>
public sealed record RawUploadOutcome(string StatusLine, string Response, long BytesSent, bool ServerClosed);

/// <summary>
/// A chunked HTTP/1.1 request over a bare socket to Kestrel on 127.0.0.1 (HttpClient hides when the server stops reading).
/// The body is sent piece by piece while the response is read concurrently; sending goes on after the answer (as a
/// careless client would) until the server closes the connection or <c>maxBytes</c> have been sent.
/// </summary>
public static class RawHttpUpload
{
    public static async Task<RawUploadOutcome> SendChunkedAsync(
        Uri baseAddress, string path, IReadOnlyDictionary<string, string> headers, IEnumerable<byte[]> body, long maxBytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        client.SendTimeout = 10_000;
        var stream = client.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = ReadResponseAsync(stream, timeout.Token);

        long sent = 0;
        var closed = false;
        var answeredAt = (long?)null;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var piece in body)
            {
                if (sent >= maxBytes || timeout.IsCancellationRequested)
                {
                    break;
                }

                // After the answer, keep sending for a few seconds: a server that drains the body reads it all meanwhile.
                if (response.IsCompleted && (answeredAt ??= clock.ElapsedMilliseconds) + 5000 < clock.ElapsedMilliseconds)
                {
                    break;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"), timeout.Token);
                await stream.WriteAsync(piece, timeout.Token);
                await stream.WriteAsync("\r\n"u8.ToArray(), timeout.Token);
                sent += piece.Length;
            }
        }
        catch (IOException)
        {
            closed = true;
        }

        var text = await response;
        return new RawUploadOutcome(text.Split("\r\n")[0], text, sent, closed);
    }

    /// <summary>A multipart body made of parts, lazily, so a test can describe a gigabyte without holding it.</summary>
    public static IEnumerable<byte[]> Multipart(string boundary, IEnumerable<(string Disposition, IEnumerable<byte[]> Content)> parts)
    {
        foreach (var (disposition, content) in parts)
        {
            yield return Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n\r\n");
            foreach (var piece in content)
            {
                yield return piece;
            }

            yield return "\r\n"u8.ToArray();
        }

        yield return Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
    }

    public static IEnumerable<byte[]> Bytes(long total, int pieceSize = 64 * 1024)
    {
        for (long left = total; left > 0; left -= pieceSize)
        {
            yield return new byte[(int)Math.Min(pieceSize, left)];
        }
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
                var text = Encoding.UTF8.GetString(received.ToArray());
                if (text.Contains("\"requestId\"", StringComparison.Ordinal) && text.Contains("}}", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Reset after the answer (or no answer at all): what was received is the outcome.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
