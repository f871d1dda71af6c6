using System.Buffers.Binary;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Builds the Xing ("Info" for CBR) header frame that starts each MP3 part: a silent frame of the stream's format
/// whose payload states the part's frame count, byte count and seek table, so players show the part's own length.
/// </summary>
internal static class XingFrame
{
    private const int PayloadLength = 4 + 4 + 4 + 4 + 100 + 4; // tag, flags, frames, bytes, TOC, quality

    /// <summary>The header of the Xing frame: the source's bitrate for CBR when it has room, else the smallest that does.</summary>
    public static MpegFrameHeader ChooseHeader(MpegFrameHeader first, bool constantBitRate)
    {
        var needed = first.SideInfoEnd + PayloadLength;
        var start = constantBitRate ? first.BitRateIndex(first.BitRate) : 1;
        Span<byte> bytes = stackalloc byte[4];
        for (var index = Math.Max(1, start); index < 15; index++)
        {
            var raw = first.WithBitRateIndex(index);
            BinaryPrimitives.WriteUInt32BigEndian(bytes, raw);
            if (MpegFrameHeader.TryParse(bytes, out var header) && header.FrameLength >= needed)
            {
                return header;
            }
        }

        throw new InvalidOperationException("No MPEG bitrate gives a frame large enough for a Xing header.");
    }

    /// <summary>The frame bytes. <paramref name="toc"/> holds 100 byte offsets (from this frame's start) at each percent of the part.</summary>
    public static byte[] Build(MpegFrameHeader header, bool constantBitRate, long frames, long bytes, ReadOnlySpan<long> toc)
    {
        var frame = new byte[header.FrameLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, header.Raw);
        var at = header.SideInfoEnd;
        (constantBitRate ? "Info"u8 : "Xing"u8).CopyTo(frame.AsSpan(at));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at + 4), 0x0F); // frames, bytes, TOC, quality present
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at + 8), (uint)frames);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at + 12), (uint)Math.Min(bytes, uint.MaxValue));
        for (var i = 0; i < 100; i++)
        {
            var offset = i < toc.Length ? toc[i] : 0;
            frame[at + 16 + i] = (byte)Math.Min(255, bytes <= 0 ? 0 : offset * 256 / bytes);
        }

        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at + 116), 0);
        return frame;
    }
}
