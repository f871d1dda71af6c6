using System.Buffers.Binary;
using System.Text;

namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>ID3v2 tags with <c>CHAP</c> frames (start/end in ms, a <c>TIT2</c> sub-frame), as audiobook and podcast tools write them.</summary>
public static class Id3Chapters
{
    /// <summary>A tag of the given version (3 or 4) with an album title and one CHAP frame per (start ms, end ms, title).</summary>
    public static byte[] Tag(int major, params (uint StartMs, uint EndMs, string Title)[] chapters)
    {
        var body = new List<byte>();
        body.AddRange(Frame(major, "TALB", Text("The Book")));
        for (var i = 0; i < chapters.Length; i++)
        {
            var (start, end, title) = chapters[i];
            var payload = new List<byte>();
            payload.AddRange(Encoding.ASCII.GetBytes($"ch{i}\0"));
            foreach (var value in new[] { start, end, uint.MaxValue, uint.MaxValue })
            {
                payload.AddRange(BigEndian(value));
            }

            payload.AddRange(Frame(major, "TIT2", Text(title)));
            body.AddRange(Frame(major, "CHAP", [.. payload]));
        }

        return [.. "ID3"u8, (byte)major, 0, 0, .. SyntheticMp3.SyncSafe(body.Count), .. body];
    }

    /// <summary>UTF-8 text (encoding byte 3); the reader decodes by the byte, whatever the version.</summary>
    private static byte[] Text(string text) => [3, .. Encoding.UTF8.GetBytes(text)];

    private static byte[] Frame(int major, string id, byte[] payload) =>
        [.. Encoding.ASCII.GetBytes(id), .. major == 4 ? SyntheticMp3.SyncSafe(payload.Length) : BigEndian((uint)payload.Length), 0, 0, .. payload];

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
