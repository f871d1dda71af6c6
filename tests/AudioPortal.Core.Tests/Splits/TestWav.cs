namespace AudioPortal.Core.Tests.Splits;

/// <summary>A 16-bit mono PCM WAV sine tone, generated in memory.</summary>
public static class TestWav
{
    public static byte[] Sine(double seconds, int sampleRate = 8000)
    {
        var frames = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + frames * 2);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(sampleRate);
        w.Write(sampleRate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(frames * 2);
        for (var i = 0; i < frames; i++)
        {
            w.Write((short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 12000));
        }

        w.Flush();
        return stream.ToArray();
    }
}
