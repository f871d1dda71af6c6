using System.Diagnostics;

namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>The encoded formats <see cref="GeneratedAudio"/> can make with ffmpeg.</summary>
public enum GeneratedFormat
{
    Mp3Cbr,
    Mp3Vbr,
    Flac,
    OggVorbis,
    OggOpus,
    AacAdts,
    M4a,
    Wav,
}

/// <summary>
/// Makes encoded test audio with the ffmpeg CLI from a synthetic source (a chirp-plus-tone per channel, so
/// VBR encoders vary their frame sizes). Only for tests that already need ffmpeg (<see cref="FfmpegFactAttribute"/>).
/// </summary>
public static class GeneratedAudio
{
    /// <summary>Extensions per format, as a user's file would have them.</summary>
    public static string Extension(GeneratedFormat format) => format switch
    {
        GeneratedFormat.Mp3Cbr or GeneratedFormat.Mp3Vbr => "mp3",
        GeneratedFormat.Flac => "flac",
        GeneratedFormat.OggVorbis => "ogg",
        GeneratedFormat.OggOpus => "opus",
        GeneratedFormat.AacAdts => "aac",
        GeneratedFormat.M4a => "m4a",
        _ => "wav",
    };

    /// <summary>
    /// Writes <paramref name="seconds"/> of audio to <c>{folder}/{name}.{ext}</c> and returns the path.
    /// <paramref name="tags"/> become ID3v2 / Vorbis comment / MP4 metadata.
    /// </summary>
    public static string Create(
        string folder,
        GeneratedFormat format,
        double seconds = 5,
        int sampleRate = 44100,
        int channels = 2,
        string name = "source",
        IReadOnlyDictionary<string, string>? tags = null,
        string? extraArgs = null)
    {
        var path = Path.Combine(folder, $"{name}.{Extension(format)}");
        var rate = format == GeneratedFormat.OggOpus ? 48000 : sampleRate;
        var expr = channels == 1
            ? "0.5*sin(2*PI*440*t)+0.2*sin(2*PI*(200+300*t)*t)"
            : "0.5*sin(2*PI*440*t)+0.2*sin(2*PI*(200+300*t)*t)|0.5*sin(2*PI*660*t)+0.1*sin(2*PI*3000*t)";
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "lavfi", "-i", $"aevalsrc={expr}:s={rate}:d={Inv(seconds)}",
        };
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            args.AddRange(["-metadata", $"{key}={value}"]);
        }

        args.AddRange(format switch
        {
            GeneratedFormat.Mp3Cbr => ["-c:a", "libmp3lame", "-b:a", "128k"],
            GeneratedFormat.Mp3Vbr => ["-c:a", "libmp3lame", "-q:a", "2"],
            GeneratedFormat.Flac => ["-c:a", "flac"],
            GeneratedFormat.OggVorbis => ["-c:a", "libvorbis", "-q:a", "4"],
            GeneratedFormat.OggOpus => ["-c:a", "libopus", "-b:a", "96k"],
            GeneratedFormat.AacAdts => ["-c:a", "aac", "-b:a", "128k", "-f", "adts"],
            GeneratedFormat.M4a => ["-c:a", "aac", "-b:a", "128k"],
            _ => ["-c:a", "pcm_s16le"],
        });
        if (extraArgs is not null)
        {
            args.AddRange(extraArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        args.Add(path);
        Run("ffmpeg", args);
        return path;
    }

    /// <summary>Runs ffprobe and returns the format-level duration in seconds (what players show).</summary>
    public static double ProbeDuration(string path)
    {
        var output = Run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", path]);
        return double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes with ffmpeg to nothing; returns ffmpeg's error output (empty when the file decodes cleanly).</summary>
    public static string DecodeErrors(string path) =>
        Run("ffmpeg", ["-hide_banner", "-v", "error", "-nostdin", "-i", path, "-f", "null", "-"], includeStderr: true).Trim();

    /// <summary>Runs a tool from PATH; throws with its error output when it fails.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, bool includeStderr = false)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var stderr = stderrTask.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {stderr}");
        }

        return includeStderr ? stderr : stdout;
    }

    private static string Inv(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
