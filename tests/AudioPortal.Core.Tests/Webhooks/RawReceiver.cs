using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AudioPortal.Core.Tests.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1:0 speaking raw TCP, so it can misbehave the ways HTTP servers will not: stall after
/// the headers, trickle, accept and never answer. Each connection's request head is read, then the behaviour writes
/// (or withholds) the answer until the receiver is disposed.
/// </summary>
public sealed class RawReceiver : IAsyncDisposable
{
    public delegate Task Behaviour(Stream stream, CancellationToken stopping);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Behaviour _behaviour;
    private readonly Task _loop;
    private readonly ConcurrentBag<Task> _connections = [];
    private int _open;
    private int _maxOpen;

    public RawReceiver(Behaviour behaviour)
    {
        _behaviour = behaviour;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    /// <summary>The X-AudioSpliter-Delivery header of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Deliveries { get; } = new();

    public int Accepted => _connections.Count;

    /// <summary>The most connections open at once.</summary>
    public int MaxOpen => Volatile.Read(ref _maxOpen);

    public static Behaviour Answer(int status, string body = "ok") => (stream, ct) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), ct).AsTask();

    public static readonly Behaviour HeadersThenStall = async (stream, ct) =>
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"u8.ToArray(), ct);
        await Task.Delay(Timeout.Infinite, ct);
    };

    /// <summary>A byte every 200 ms forever: never idle for long, never done.</summary>
    public static readonly Behaviour TrickleBody = async (stream, ct) =>
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n"u8.ToArray(), ct);
        await TrickleAsync(stream, ct);
    };

    public static readonly Behaviour TrickleHeaders = async (stream, ct) =>
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nX-Slow: "u8.ToArray(), ct);
        await TrickleAsync(stream, ct);
    };

    public static readonly Behaviour NeverAnswer = (_, ct) => Task.Delay(Timeout.Infinite, ct);

    /// <summary>A 200 whose body never ends, as fast as the client reads.</summary>
    public static readonly Behaviour EndlessBody = async (stream, ct) =>
    {
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
        while (true)
        {
            await stream.WriteAsync(chunk, ct);
        }
    };

    private static async Task TrickleAsync(Stream stream, CancellationToken ct)
    {
        while (true)
        {
            await stream.WriteAsync("a"u8.ToArray(), ct);
            await stream.FlushAsync(ct);
            await Task.Delay(200, ct);
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var open = Interlocked.Increment(ref _open);
        for (var max = _maxOpen; open > max; max = _maxOpen)
        {
            Interlocked.CompareExchange(ref _maxOpen, open, max);
        }

        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, _stop.Token);
                var delivery = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("X-AudioSpliter-Delivery:", StringComparison.OrdinalIgnoreCase));
                Deliveries.Enqueue(delivery?.Split(':', 2)[1].Trim() ?? "");
                await _behaviour(stream, _stop.Token);
                await Task.Delay(200, _stop.Token); // let the client read before the close
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The client gave up (its deadline) or the receiver is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 64 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>Connections currently open.</summary>
    public int Open => Volatile.Read(ref _open);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        await Task.WhenAll(_connections);
    }
}
