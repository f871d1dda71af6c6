using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real server as an operator runs it — <c>dotnet AudioPortal.Web.dll</c>, a process of its own, on a data folder
/// and a loopback port — for what only a whole process shows: start-up failures, and being killed with SIGKILL.
/// Console output is kept line by line; disposing kills the process if it still runs.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process) => _process = process;

    public int Port { get; private init; }

    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server in the Testing environment on <paramref name="dataPath"/>; <paramref name="port"/> 0 picks a free one.</summary>
    public static ServerProcess Start(string dataPath, int port = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        port = port == 0 ? FreePort() : port;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AudioPortal.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Data__Path"] = dataPath;
        info.Environment["RateLimiting__Enabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process) { Port = port };
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>A client for the server, once it answers <c>/healthz</c> (or the time runs out).</summary>
    public async Task<HttpClient> ClientAsync(TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !HasExited)
            {
            }

            Assert.True(DateTime.UtcNow < deadline && !HasExited, "The server did not start:\n" + string.Join('\n', _output));
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGKILL: no shutdown code runs, as in a crash or an OOM kill. The server goes first, then its ffmpeg processes
    /// (killing the tree children first would let the server see its encoder fail and react, which a crash never does).
    /// </summary>
    public void Kill()
    {
        var children = Children(_process.Id);
        _process.Kill();
        _process.WaitForExit(10_000);
        foreach (var child in children)
        {
            try
            {
                using var process = Process.GetProcessById(child);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static List<int> Children(int pid)
    {
        var tasks = new DirectoryInfo($"/proc/{pid}/task");
        return tasks.Exists
            ? tasks.EnumerateDirectories().SelectMany(t => ReadChildren(Path.Combine(t.FullName, "children"))).ToList()
            : [];
    }

    private static IEnumerable<int> ReadChildren(string path)
    {
        try
        {
            return File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
