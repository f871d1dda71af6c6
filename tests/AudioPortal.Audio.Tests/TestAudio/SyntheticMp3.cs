namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>
/// MP3 bytes made without an encoder, for fast probe tests: MPEG-1 layer III frames (128 kb/s, 44.1 kHz, joint
/// stereo) whose payload is zero — structurally valid frames of silence — with optional tags around them.
/// </summary>
public static class SyntheticMp3
{
    /// <summary>Header of an unpadded 128 kb/s 44.1 kHz frame: 417 bytes long, 1152 samples.</summary>
    public static readonly byte[] Header = [0xFF, 0xFB, 0x90, 0x64];

    public const int FrameLength = 417;

    public static byte[] Frames(int count)
    {
        var bytes = new byte[count * FrameLength];
        for (var i = 0; i < count; i++)
        {
            Header.CopyTo(bytes, i * FrameLength);
            bytes[i * FrameLength + 10] = (byte)i; // frames differ, so a swapped frame shows in a comparison
        }

        return bytes;
    }

    /// <summary>An ID3v2.4 tag with a UTF-8 title and artist.</summary>
    public static byte[] Id3v2(string title = "Synthetic", string artist = "AudioPortal")
    {
        var body = new List<byte>();
        foreach (var (id, text) in new[] { ("TIT2", title), ("TPE1", artist) })
        {
            var payload = new List<byte> { 3 };
            payload.AddRange(System.Text.Encoding.UTF8.GetBytes(text));
            body.AddRange(System.Text.Encoding.ASCII.GetBytes(id));
            body.AddRange(SyncSafe(payload.Count));
            body.AddRange([0, 0]);
            body.AddRange(payload);
        }

        return [.. "ID3"u8, 4, 0, 0, .. SyncSafe(body.Count), .. body];
    }

    public static byte[] SyncSafe(int value) =>
        [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];
}
