using System.Diagnostics;

namespace AudioPortal.Cli.Tests;

/// <summary>Audio made in the tests (no binaries committed) and ffmpeg's verdict on a file.</summary>
internal static class TestAudio
{
    /// <summary>A 16-bit stereo 44.1 kHz WAV of <paramref name="seconds"/> with ramps in it (no ffmpeg needed).</summary>
    public static string WriteWav(string path, double seconds)
    {
        var frames = (int)(seconds * 44100);
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8);
        w.Write(36 + frames * 4);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)2);
        w.Write(44100);
        w.Write(44100 * 4);
        w.Write((short)4);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(frames * 4);
        for (var i = 0; i < frames; i++)
        {
            w.Write((short)(i % 2000 * 10));
            w.Write((short)(-(i % 1000) * 20));
        }

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
