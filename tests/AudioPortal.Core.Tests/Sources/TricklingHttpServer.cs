using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AudioPortal.Core.Tests.Sources;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1:0 that answers 200 with a large Content-Length and then trickles the body:
/// <c>chunkBytes</c> every <c>interval</c>, until the client hangs up or the server is disposed (a "slow loris" source).
/// </summary>
public sealed class TricklingHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _chunkBytes;
    private readonly TimeSpan _interval;
    private int _open;

    public TricklingHttpServer(int chunkBytes, TimeSpan interval)
    {
        _chunkBytes = chunkBytes;
        _interval = interval;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/slow.mp3";

    /// <summary>Connections still being trickled to (the client has not hung up).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => TrickleAsync(client));
        }
    }

    private async Task TrickleAsync(TcpClient client)
    {
        Interlocked.Increment(ref _open);
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: 100000000\r\n\r\n"), _stop.Token);
                var chunk = new byte[_chunkBytes];
                while (!_stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    await Task.Delay(_interval, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up (what the tests expect) or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
    }
}
