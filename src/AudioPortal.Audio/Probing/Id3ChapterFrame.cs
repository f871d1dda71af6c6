using System.Buffers.Binary;
using System.Text;
using AudioPortal.Audio.Chapters;

namespace AudioPortal.Audio.Probing;

/// <summary>
/// Reads an ID3v2 <c>CHAP</c> frame (the ID3v2 Chapter Frame Addendum): an element id, start and end in milliseconds,
/// two byte offsets, then sub-frames, of which a <c>TIT2</c> is the chapter's title. Sub-frame sizes are checked against the frame.
/// </summary>
internal static class Id3ChapterFrame
{
    public const int MaxPayload = 256 * 1024;

    public static Chapter? Read(ReadOnlySpan<byte> payload, int major)
    {
        var idEnd = payload.IndexOf((byte)0);
        if (idEnd < 0 || payload.Length < idEnd + 1 + 16)
        {
            return null;
        }

        var startMs = BinaryPrimitives.ReadUInt32BigEndian(payload[(idEnd + 1)..]);
        var rest = payload[(idEnd + 1 + 16)..];
        string? title = null;
        while (rest.Length >= 10 && title is null)
        {
            var id = Encoding.ASCII.GetString(rest[..4]);
            long size = major == 4 ? Id3v2Reader.SyncSafe(rest[4..8]) : BinaryPrimitives.ReadUInt32BigEndian(rest[4..8]);
            if (size <= 0 || size > rest.Length - 10)
            {
                break;
            }

            if (id == "TIT2")
            {
                title = Id3v2Reader.DecodeText(rest.Slice(10, (int)size));
            }

            rest = rest[(10 + (int)size)..];
        }

        return new Chapter(startMs / 1000.0, string.IsNullOrWhiteSpace(title) ? null : title);
    }
}
