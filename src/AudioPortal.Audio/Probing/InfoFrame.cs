using System.Buffers.Binary;

namespace AudioPortal.Audio.Probing;

/// <summary>Recognises the Xing/Info and VBRI header frames encoders put before the audio (they hold no audio).</summary>
internal static class InfoFrame
{
    /// <summary>True when the frame is a Xing/Info/VBRI header; <paramref name="frames"/> is its frame count when stated.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, MpegFrameHeader header, out long? frames)
    {
        frames = null;
        var at = header.SideInfoEnd;
        if (frame.Length >= at + 8 && (frame.Slice(at, 4).SequenceEqual("Xing"u8) || frame.Slice(at, 4).SequenceEqual("Info"u8)))
        {
            var flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 4)..]);
            if ((flags & 1) != 0 && frame.Length >= at + 12)
            {
                frames = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 8)..]);
            }

            return true;
        }

        // VBRI (Fraunhofer) sits 32 bytes after the header whatever the channel mode.
        if (frame.Length >= 36 + 18 && frame.Slice(36, 4).SequenceEqual("VBRI"u8))
        {
            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[(36 + 14)..]);
            return true;
        }

        return false;
    }
}
