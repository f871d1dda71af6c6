using System.Diagnostics;

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
    public static string DecodeErrors(string path)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-hide_banner", "-v", "error", "-nostdin", "-i", path, "-f", "null", "-" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return errors.Trim();
    }
}
