using System.Buffers.Binary;
using System.Text;

namespace AudioPortal.Audio.Probing;

/// <summary>One frame of an ID3v2 tag: where its bytes (header included) are in the file.</summary>
internal readonly record struct Id3Frame(string Id, long Offset, int Length);

/// <summary>
/// What an ID3v2 tag holds: its size, its text fields as tags, and — for v2.3/v2.4 tags without tag-wide
/// unsynchronisation — the frames' positions, so a part can carry every frame (cover art included) byte for byte.
/// </summary>
internal sealed record Id3v2Tag(int MajorVersion, long TotalSize, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<Id3Frame> CopyableFrames)
{
    /// <summary>The tag's <c>CHAP</c> frames by start time (v2.3/v2.4 only).</summary>
    public IReadOnlyList<Chapters.Chapter> Chapters { get; init; } = [];
}

/// <summary>Reads ID3v2.2–2.4 tags with bounded reads: frame sizes are checked against the tag, text is capped.</summary>
internal static class Id3v2Reader
{
    private const int MaxTextFrame = 64 * 1024;
    private const int MaxFrames = 2000;

    /// <summary>The ID3v2 frame ids the engine shows as tags, by their ffmpeg names.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagNames = new Dictionary<string, string>
    {
        ["TIT2"] = "title", ["TT2"] = "title", ["TPE1"] = "artist", ["TP1"] = "artist", ["TALB"] = "album", ["TAL"] = "album",
        ["TPE2"] = "album_artist", ["TP2"] = "album_artist", ["TDRC"] = "date", ["TYER"] = "date", ["TYE"] = "date",
        ["TCON"] = "genre", ["TCO"] = "genre", ["TRCK"] = "track", ["TRK"] = "track", ["TPOS"] = "disc", ["TPA"] = "disc",
        ["TCOM"] = "composer", ["TCM"] = "composer", ["COMM"] = "comment", ["COM"] = "comment", ["TSSE"] = "encoder",
    };

    /// <summary>The whole tag's size from its 10-byte header (footer included), or null when the header is not ID3v2.</summary>
    public static long? TotalSize(ReadOnlySpan<byte> header)
    {
        if (header.Length < 10 || header[0] != 'I' || header[1] != 'D' || header[2] != '3' || header[3] is < 2 or > 4)
        {
            return null;
        }

        if (((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
        {
            return null;
        }

        var footer = header[3] == 4 && (header[5] & 0x10) != 0 ? 10 : 0;
        return 10L + SyncSafe(header[6..10]) + footer;
    }

    public static async Task<Id3v2Tag?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[10];
        stream.Position = 0;
        if (await stream.ReadAtLeastAsync(header, 10, throwOnEndOfStream: false, ct) < 10 || TotalSize(header) is not { } total)
        {
            return null;
        }

        var major = header[3];
        var unsync = (header[5] & 0x80) != 0;
        var end = Math.Min(10 + SyncSafe(header.AsSpan(6, 4)), stream.Length);
        long pos = 10;
        if ((header[5] & 0x40) != 0 && major >= 3)
        {
            var ext = new byte[4];
            await stream.ReadExactlyAsync(ext, ct);
            pos += major == 4 ? SyncSafe(ext) : 4 + BinaryPrimitives.ReadUInt32BigEndian(ext);
        }

        var tags = new Dictionary<string, string>();
        var frames = new List<Id3Frame>();
        var chapters = new List<Chapters.Chapter>();
        var idLength = major == 2 ? 3 : 4;
        var frameHeaderLength = major == 2 ? 6 : 10;
        var frameHeader = new byte[10];
        while (pos + frameHeaderLength <= end && frames.Count < MaxFrames)
        {
            stream.Position = pos;
            await stream.ReadExactlyAsync(frameHeader.AsMemory(0, frameHeaderLength), ct);
            if (frameHeader[0] == 0 || !IsFrameId(frameHeader.AsSpan(0, idLength)))
            {
                break; // padding, or the rest is not frames
            }

            var id = Encoding.ASCII.GetString(frameHeader, 0, idLength);
            long size = major switch
            {
                2 => frameHeader[3] << 16 | frameHeader[4] << 8 | frameHeader[5],
                3 => BinaryPrimitives.ReadUInt32BigEndian(frameHeader.AsSpan(4)),
                _ => SyncSafe(frameHeader.AsSpan(4, 4)),
            };
            if (size <= 0 || pos + frameHeaderLength + size > end)
            {
                break;
            }

            var frameFlags = major == 2 ? 0 : frameHeader[9];
            var plainPayload = !unsync && (major == 3 ? (frameFlags & 0xC0) == 0 : (frameFlags & 0x0F) == 0);
            if (TagNames.TryGetValue(id, out var name) && plainPayload && size <= MaxTextFrame && !tags.ContainsKey(name))
            {
                var payload = new byte[size];
                await stream.ReadExactlyAsync(payload, ct);
                var text = id is "COMM" or "COM" ? DecodeComment(payload) : DecodeText(payload);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    tags[name] = text;
                }
            }

            if (id == "CHAP" && major >= 3 && plainPayload && size <= Id3ChapterFrame.MaxPayload)
            {
                var payload = new byte[size];
                stream.Position = pos + frameHeaderLength;
                await stream.ReadExactlyAsync(payload, ct);
                if (Id3ChapterFrame.Read(payload, major) is { } chapter)
                {
                    chapters.Add(chapter);
                }
            }

            if (major >= 3 && !unsync)
            {
                frames.Add(new Id3Frame(id, pos, (int)(frameHeaderLength + size)));
            }

            pos += frameHeaderLength + size;
        }

        return new Id3v2Tag(major, total, tags, frames) { Chapters = [.. chapters.OrderBy(c => c.StartSeconds)] };
    }

    /// <summary>Reads an ID3v1 tag from the last 128 bytes of a file, or null.</summary>
    public static Dictionary<string, string>? ReadId3v1(ReadOnlySpan<byte> last128)
    {
        if (last128.Length != 128 || !last128[..3].SequenceEqual("TAG"u8))
        {
            return null;
        }

        var tags = new Dictionary<string, string>();
        void Add(string key, ReadOnlySpan<byte> field)
        {
            var text = Encoding.Latin1.GetString(field).TrimEnd('\0', ' ');
            if (text.Length > 0)
            {
                tags[key] = text;
            }
        }

        Add("title", last128[3..33]);
        Add("artist", last128[33..63]);
        Add("album", last128[63..93]);
        Add("date", last128[93..97]);
        Add("comment", last128[97..125]);
        if (last128[125] == 0 && last128[126] != 0)
        {
            tags["track"] = last128[126].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return tags;
    }

    internal static long SyncSafe(ReadOnlySpan<byte> b) => (b[0] & 0x7F) << 21 | (b[1] & 0x7F) << 14 | (b[2] & 0x7F) << 7 | (b[3] & 0x7F);

    private static bool IsFrameId(ReadOnlySpan<byte> id)
    {
        foreach (var c in id)
        {
            if (!(c is >= (byte)'A' and <= (byte)'Z' || c is >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }

        return true;
    }

    internal static string DecodeText(ReadOnlySpan<byte> payload) =>
        payload.Length < 1 ? "" : string.Join("/", Decode(payload[0], payload[1..]).Replace("\uFEFF", "").Split('\0', StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string DecodeComment(ReadOnlySpan<byte> payload)
    {
        // encoding, 3-byte language, a terminated short description, then the text.
        if (payload.Length < 5)
        {
            return "";
        }

        var parts = Decode(payload[0], payload[4..]).Split('\0');
        return parts.Length > 1 ? string.Join(" ", parts[1..]).Trim('\0', ' ') : parts[0];
    }

    private static string Decode(byte encoding, ReadOnlySpan<byte> bytes) => encoding switch
    {
        1 when bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF => Encoding.BigEndianUnicode.GetString(bytes[2..]),
        1 when bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE => Encoding.Unicode.GetString(bytes[2..]),
        1 => Encoding.Unicode.GetString(bytes),
        2 => Encoding.BigEndianUnicode.GetString(bytes),
        3 => Encoding.UTF8.GetString(bytes),
        _ => Encoding.Latin1.GetString(bytes),
    };
}
