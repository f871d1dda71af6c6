using System.Text;

// Linked into the Audio and Cli test projects (a Compile item in each .csproj).
namespace AudioPortal.TestSupport;

/// <summary>
/// Speech-like test audio: tone bursts (a vowel-ish mix of harmonics with a little noise) separated by gaps of
/// faint noise, written as 16-bit PCM WAV. The gaps are known exactly, so detected silences can be checked.
/// </summary>
public static class BurstWav
{
    /// <summary>Writes bursts and gaps in turn (<paramref name="pattern"/>: seconds of burst, gap, burst, …) and returns the gaps in samples.</summary>
    /// <param name="gain">Scales the whole file (0.03 is −30 dB), to show that the threshold follows the file's level.</param>
    public static List<(long Start, long End)> Write(string path, double[] pattern, int sampleRate = 44100, int channels = 2, double gain = 1)
    {
        var random = new Random(16);
        var gaps = new List<(long Start, long End)>();
        using var pcm = new MemoryStream();
        using var w = new BinaryWriter(pcm);
        long at = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var n = (long)Math.Round(pattern[i] * sampleRate);
            var gap = i % 2 == 1;
            if (gap)
            {
                gaps.Add((at, at + n));
            }

            for (var k = 0L; k < n; k++, at++)
            {
                var t = at / (double)sampleRate;
                var noise = (random.NextDouble() - 0.5) * 2;
                var value = gap
                    ? 0.001 * noise // −60 dB: room tone, not digital silence
                    : 0.3 * Math.Sin(2 * Math.PI * 180 * t) + 0.15 * Math.Sin(2 * Math.PI * 540 * t) + 0.05 * noise;
                var sample = (short)Math.Clamp(Math.Round(value * gain * 32767), short.MinValue, short.MaxValue);
                for (var ch = 0; ch < channels; ch++)
                {
                    w.Write(sample);
                }
            }
        }

        w.Flush();
        WriteWav(path, pcm.ToArray(), sampleRate, channels);
        return gaps;
    }

    private static void WriteWav(string path, byte[] data, int sampleRate, int channels)
    {
        using var file = File.Create(path);
        using var w = new BinaryWriter(file, Encoding.ASCII);
        TestWav.WriteHeader(w, data.Length, sampleRate, channels);
        w.Write(data);
    }
}
