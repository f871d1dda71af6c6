namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>
/// A deliberately simple MP3 frame reader for test assertions, independent of the engine's scanner: skips an
/// ID3v2 tag, walks layer III frames by their header lengths, and drops a leading Xing/Info/VBRI frame.
/// </summary>
public static class Mp3Frames
{
    private static readonly int[] V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Rates = [44100, 48000, 32000];

    /// <summary>The audio frames' bytes, in order, concatenated.</summary>
    public static byte[] AudioBytes(string path) => Audio(path).SelectMany(f => f).ToArray();

    public static List<byte[]> Audio(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var pos = 0;
        if (bytes.Length > 10 && bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3')
        {
            pos = 10 + (bytes[6] << 21 | bytes[7] << 14 | bytes[8] << 7 | bytes[9]);
        }

        var frames = new List<byte[]>();
        while (pos + 4 <= bytes.Length && bytes[pos] == 0xFF && (bytes[pos + 1] & 0xE0) == 0xE0)
        {
            var mpeg1 = (bytes[pos + 1] & 0x08) != 0;
            var bitRate = (mpeg1 ? V1 : V2)[bytes[pos + 2] >> 4] * 1000;
            var rate = Rates[(bytes[pos + 2] >> 2) & 3] / (mpeg1 ? 1 : 2);
            var length = (mpeg1 ? 144 : 72) * bitRate / rate + ((bytes[pos + 2] >> 1) & 1);
            if (pos + length > bytes.Length)
            {
                break;
            }

            frames.Add(bytes[pos..(pos + length)]);
            pos += length;
        }

        if (frames.Count > 0 && IsInfo(frames[0]))
        {
            frames.RemoveAt(0);
        }

        return frames;
    }

    private static bool IsInfo(byte[] frame)
    {
        var text = System.Text.Encoding.ASCII.GetString(frame, 0, Math.Min(frame.Length, 64));
        return text.Contains("Xing", StringComparison.Ordinal) || text.Contains("Info", StringComparison.Ordinal) || text.Contains("VBRI", StringComparison.Ordinal);
    }
}
