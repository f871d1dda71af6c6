using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AudioPortal.Audio.Tests.Ffmpeg;

/// <summary>What ffmpeg/ffprobe make of an output file: its decoded samples, its played length and its tags.</summary>
public static class DecodedAudio
{
    /// <summary>The file decoded to interleaved 16-bit PCM (test files are short, so it fits in memory).</summary>
    public static byte[] Pcm16(string path) =>
        RunBinary("ffmpeg", ["-hide_banner", "-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-c:a", "pcm_s16le", "-f", "s16le", "-"]);

    /// <summary>
    /// How many samples a player plays: the decoded count, except for M4A, whose length is its edit list
    /// (ffmpeg 5.1 decodes the encoder's end padding too; the edit list is what players honour).
    /// </summary>
    public static long PlayedSamples(string path, int channels)
    {
        if (path.EndsWith(".m4a", StringComparison.Ordinal))
        {
            var json = Probe(path);
            return long.Parse(json.RootElement.GetProperty("streams")[0].GetProperty("duration_ts").ToString(), CultureInfo.InvariantCulture);
        }

        return Pcm16(path).Length / (2L * channels);
    }

    /// <summary>Format and stream tags, keys lowercased (Vorbis comments are often upper case).</summary>
    public static Dictionary<string, string> Tags(string path)
    {
        using var json = Probe(path);
        var tags = new Dictionary<string, string>();
        foreach (var section in new[] { json.RootElement.GetProperty("format"), json.RootElement.GetProperty("streams")[0] })
        {
            if (section.TryGetProperty("tags", out var t))
            {
                foreach (var tag in t.EnumerateObject())
                {
                    tags.TryAdd(tag.Name.ToLowerInvariant(), tag.Value.GetString() ?? "");
                }
            }
        }

        return tags;
    }

    /// <summary>Running ffmpeg processes started by this test process whose command line mentions <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> ChildFfmpegProcesses(string text)
    {
        var me = Environment.ProcessId;
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid …"
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var comm = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                if (comm == "ffmpeg" && int.Parse(fields[1], CultureInfo.InvariantCulture) == me && fields[0] != "Z" &&
                    File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    private static JsonDocument Probe(string path) =>
        JsonDocument.Parse(RunBinary("ffprobe", ["-v", "error", "-of", "json", "-show_format", "-show_streams", "-select_streams", "a:0", path]));

    public static byte[] RunBinary(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {stderr.Result}");
        }

        return output.ToArray();
    }
}
