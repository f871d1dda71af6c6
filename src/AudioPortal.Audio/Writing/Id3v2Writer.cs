using System.Buffers.Binary;
using System.Text;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Writes the ID3v2 tag of an MP3 part. When the source's tag frames can be copied (v2.3/v2.4) they are, byte for
/// byte (cover art included), except those that describe the whole file (title, track, length, its chapters); the part's own
/// title and track follow. Otherwise a v2.4 tag is written from the text tags.
/// </summary>
internal static class Id3v2Writer
{
    private static readonly HashSet<string> Replaced = ["TIT2", "TRCK", "TLEN", "CHAP", "CTOC"];

    private static readonly (string Key, string Id)[] TextFrames =
    [
        ("artist", "TPE1"), ("album", "TALB"), ("album_artist", "TPE2"), ("genre", "TCON"), ("disc", "TPOS"),
        ("composer", "TCOM"), ("date", "TDRC"),
    ];

    /// <summary>The tag bytes; copied frames are read from <paramref name="source"/>.</summary>
    public static async Task<byte[]> BuildAsync(
        Stream source, Id3v2Tag? sourceTag, IReadOnlyDictionary<string, string> tags, bool copyFrames, CancellationToken ct)
    {
        var copy = copyFrames && sourceTag is { MajorVersion: 3 or 4 } && sourceTag.CopyableFrames.Count > 0;
        var major = copy ? sourceTag!.MajorVersion : 4;
        using var body = new MemoryStream();
        if (copy)
        {
            foreach (var frame in sourceTag!.CopyableFrames.Where(f => !Replaced.Contains(f.Id)))
            {
                var bytes = new byte[frame.Length];
                source.Position = frame.Offset;
                await source.ReadExactlyAsync(bytes, ct);
                body.Write(bytes);
            }
        }
        else
        {
            foreach (var (key, id) in TextFrames)
            {
                if (tags.TryGetValue(key, out var value))
                {
                    WriteText(body, major, id, value);
                }
            }

            if (tags.TryGetValue("comment", out var comment))
            {
                WriteFrame(body, major, "COMM", [.. Encode(major, "eng"u8.ToArray(), ""), .. Encode(major, [], comment)[1..]]);
            }
        }

        WriteText(body, major, "TIT2", tags.GetValueOrDefault("title", ""));
        WriteText(body, major, "TRCK", tags.GetValueOrDefault("track", ""));

        var tag = new byte[10 + body.Length];
        "ID3"u8.CopyTo(tag);
        tag[3] = (byte)major;
        WriteSyncSafe(tag.AsSpan(6), (int)body.Length);
        body.ToArray().CopyTo(tag, 10);
        return tag;
    }

    private static void WriteText(Stream body, int major, string id, string text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            WriteFrame(body, major, id, Encode(major, [], text));
        }
    }

    /// <summary>Encoding byte, any prefix (COMM's language), then the text: UTF-8 for v2.4, UTF-16 with BOM for v2.3.</summary>
    private static byte[] Encode(int major, byte[] prefix, string text)
    {
        var encoded = major == 4
            ? [3, .. prefix, .. Encoding.UTF8.GetBytes(text), 0]
            : (byte[])[1, .. prefix, 0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text), 0, 0];
        return encoded;
    }

    private static void WriteFrame(Stream body, int major, string id, byte[] payload)
    {
        Span<byte> header = stackalloc byte[10];
        Encoding.ASCII.GetBytes(id, header);
        if (major == 4)
        {
            WriteSyncSafe(header[4..], payload.Length);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(header[4..], payload.Length);
        }

        body.Write(header);
        body.Write(payload);
    }

    private static void WriteSyncSafe(Span<byte> target, int value)
    {
        target[0] = (byte)((value >> 21) & 0x7F);
        target[1] = (byte)((value >> 14) & 0x7F);
        target[2] = (byte)((value >> 7) & 0x7F);
        target[3] = (byte)(value & 0x7F);
    }
}
