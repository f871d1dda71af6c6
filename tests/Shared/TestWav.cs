using System.Text;

// Linked into each test project that needs a WAV (a Compile item in its .csproj).
namespace AudioPortal.TestSupport;

/// <summary>Generates 16-bit PCM WAV files in memory: a sine tone, so every part has real, decodable audio.</summary>
public static class TestWav
{
    public static byte[] Sine(double seconds, int sampleRate = 8000, int channels = 1, double frequency = 440)
    {
        var frames = (int)(seconds * sampleRate);
        var dataLength = frames * channels * 2;
        using var stream = new MemoryStream(44 + dataLength);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        WriteHeader(writer, dataLength, sampleRate, channels);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 12000);
            for (var c = 0; c < channels; c++)
            {
                writer.Write(sample);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Speech-like audio: <paramref name="bursts"/> tones of <paramref name="toneSeconds"/>, each followed by
    /// <paramref name="gapSeconds"/> of digital silence (8 kHz mono), so silence-aware cuts have known gaps to land in.
    /// </summary>
    public static byte[] Bursts(int bursts, double toneSeconds, double gapSeconds, int sampleRate = 8000)
    {
        var tone = (int)(toneSeconds * sampleRate);
        var gap = (int)(gapSeconds * sampleRate);
        var dataLength = bursts * (tone + gap) * 2;
        using var stream = new MemoryStream(44 + dataLength);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        WriteHeader(writer, dataLength, sampleRate, 1);
        for (var b = 0; b < bursts; b++)
        {
            for (var i = 0; i < tone + gap; i++)
            {
                writer.Write(i < tone ? (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 12000) : (short)0);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>The 44-byte header of a 16-bit PCM WAV whose data chunk holds <paramref name="dataLength"/> bytes.</summary>
    public static void WriteHeader(BinaryWriter writer, int dataLength, int sampleRate, int channels)
    {
        writer.Write("RIFF"u8);
        writer.Write(36 + dataLength);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataLength);
    }
}
