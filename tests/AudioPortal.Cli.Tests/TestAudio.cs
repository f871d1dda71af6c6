using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AudioPortal.Cli.Tests;

/// <summary>Audio made in the tests (no binaries committed) and ffmpeg's verdict on a file.</summary>
internal static class TestAudio
{
    /// <summary>A 16-bit stereo 44.1 kHz WAV of <paramref name="seconds"/> (no ffmpeg needed).</summary>
    public static string WriteWav(string path, double seconds)
    {
        File.WriteAllBytes(path, TestWav.Sine(seconds, sampleRate: 44100, channels: 2));
        return path;
    }

    /// <summary>What ffmpeg prints while decoding the whole file: "" for a clean file.</summary>
    public static string DecodeErrors(string path) => Ffmpeg("-i", path, "-f", "null", "-");

    /// <summary>
    /// A 128 kb/s MP3 of a WAV of <paramref name="seconds"/> with chapters (start in ms, title) in ID3v2 CHAP frames,
    /// as ffmpeg writes them from an ffmetadata file. Needs ffmpeg.
    /// </summary>
    public static string WriteMp3WithChapters(string path, double seconds, params (int StartMs, string Title)[] chapters)
    {
        var wav = WriteWav(path + ".wav", seconds);
        var metadata = new StringBuilder(";FFMETADATA1\n");
        for (var i = 0; i < chapters.Length; i++)
        {
            var end = i + 1 < chapters.Length ? chapters[i + 1].StartMs : (int)(seconds * 1000);
            metadata.Append(CultureInfo.InvariantCulture, $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={chapters[i].StartMs}\nEND={end}\ntitle={chapters[i].Title}\n");
        }

        File.WriteAllText(path + ".txt", metadata.ToString());
        var errors = Ffmpeg("-y", "-i", wav, "-i", path + ".txt", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "libmp3lame", "-b:a", "128k", path);
        Assert.True(errors.Length == 0, errors);
        return path;
    }

    /// <summary>Runs ffmpeg quietly and returns what it printed as errors.</summary>
    private static string Ffmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["-hide_banner", "-v", "error", "-nostdin", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return errors.Trim();
    }
}
