using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>
/// How an ffmpeg/ffprobe run ended: its exit code and the last few KB of what it wrote to stderr; <see cref="TimedOut"/>
/// when it was killed for running past its time limit.
/// </summary>
internal sealed record FfmpegRunResult(int ExitCode, string ErrorTail, bool TimedOut = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>ffmpeg says this when a write fails for lack of space; the run is worth retrying later, not the file's fault.</summary>
    public bool DiskFull => ErrorTail.Contains("No space left on device", StringComparison.Ordinal);

    /// <summary>The last non-empty stderr line, for error messages (ffmpeg puts the reason last).</summary>
    public string LastError => ErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault() ?? $"exit code {ExitCode}";
}

/// <summary>
/// The one place that starts a process. Arguments are passed as a list (never a shell string, so file names
/// cannot inject anything); stdout is streamed line by line to a callback and stderr is kept only as a short
/// tail, so memory stays flat however long the run. Cancellation kills the whole process tree and waits for it
/// to exit before throwing, so callers can delete the files it was writing. A run given a time limit is killed the
/// same way when it passes it (a hung tool must never hold a worker), and reported as <see cref="FfmpegRunResult.TimedOut"/>.
/// </summary>
internal static class FfmpegProcess
{
    private const int ErrorTailChars = 4096;

    /// <summary>Runs <paramref name="executable"/>; null when it cannot be started (missing or not executable).</summary>
    /// <param name="onOutputLine">Receives each stdout line; stdout is drained and dropped when null.</param>
    /// <param name="timeout">Kills the run after this long; null leaves it to <paramref name="ct"/> alone.</param>
    public static Task<FfmpegRunResult?> RunAsync(
        string executable, IEnumerable<string> arguments, Action<string>? onOutputLine, CancellationToken ct, TimeSpan? timeout = null) =>
        RunReadingAsync(executable, arguments, stdout => DrainLinesAsync(stdout, onOutputLine), ct, timeout);

    /// <summary>Like <see cref="RunAsync"/>, but hands stdout's raw bytes to <paramref name="readOutput"/> (decoded PCM, say), which must read to its end.</summary>
    public static async Task<FfmpegRunResult?> RunReadingAsync(
        string executable, IEnumerable<string> arguments, Func<StreamReader, Task> readOutput, CancellationToken ct, TimeSpan? timeout = null)
    {
        ct.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            if (!process.Start())
            {
                FfmpegMetrics.Failed(executable, "not_started");
                return null;
            }
        }
        catch (Win32Exception)
        {
            FfmpegMetrics.Failed(executable, "not_started");
            return null;
        }

        // Nothing is ever fed on stdin; closing it makes a tool that would wait for input fail fast instead.
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource();
        if (timeout is { } after)
        {
            limit.CancelAfter(after);
        }

        using var kill = ct.Register(() => Kill(process));
        using var expire = limit.Token.Register(() => Kill(process));
        var stdout = readOutput(process.StandardOutput);
        var stderr = KeepTailAsync(process.StandardError);
        await Task.WhenAll(stdout, stderr);
        await process.WaitForExitAsync(CancellationToken.None);
        ct.ThrowIfCancellationRequested();
        var result = new FfmpegRunResult(process.ExitCode, await stderr, limit.IsCancellationRequested);
        if (!result.Succeeded)
        {
            FfmpegMetrics.Failed(executable, result.TimedOut ? "timeout" : "exit");
        }

        return result;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting at this very moment.
        }
    }

    private static async Task DrainLinesAsync(StreamReader reader, Action<string>? onLine)
    {
        if (onLine is null)
        {
            await reader.BaseStream.CopyToAsync(Stream.Null);
            return;
        }

        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static async Task<string> KeepTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * ErrorTailChars)
            {
                tail.Remove(0, tail.Length - ErrorTailChars);
            }
        }

        return tail.Length > ErrorTailChars ? tail.ToString(tail.Length - ErrorTailChars, ErrorTailChars) : tail.ToString();
    }
}
