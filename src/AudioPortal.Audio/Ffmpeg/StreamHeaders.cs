using System.Buffers.Binary;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>The FLAC STREAMINFO fields the engine trusts over ffprobe's view of them.</summary>
internal readonly record struct FlacStreamInfo(int SampleRate, int Channels, int BitsPerSample, long TotalSamples);

/// <summary>
/// Reads the few header fields that give an exact length where ffprobe's numbers are not exact: FLAC's STREAMINFO
/// (total samples) and Opus's pre-skip (the decoder drops it, but the last granule position counts it). Reads only
/// the first few KB of the file.
/// </summary>
internal static class StreamHeaders
{
    private const int HeadLength = 8192;

    /// <summary>STREAMINFO of a FLAC file (after an ID3v2 tag, if any); null when the header is not there.</summary>
    public static async Task<FlacStreamInfo?> ReadFlacAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var head = new byte[HeadLength];
        var read = await stream.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, ct);
        long start = 0;
        if (read >= 10 && Id3v2Reader.TotalSize(head) is { } tagSize)
        {
            start = tagSize;
            stream.Position = start;
            read = await stream.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, ct);
        }

        return ParseFlac(head.AsSpan(0, read));
    }

    /// <summary>Parses "fLaC" + the STREAMINFO block, which the format requires to come first.</summary>
    public static FlacStreamInfo? ParseFlac(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8 + 34 || !head[..4].SequenceEqual("fLaC"u8) || (head[4] & 0x7F) != 0)
        {
            return null;
        }

        var info = head.Slice(8, 34);
        var sampleRate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
        var channels = ((info[12] >> 1) & 0x07) + 1;
        var bits = (((info[12] & 0x01) << 4) | (info[13] >> 4)) + 1;
        var total = ((long)(info[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(info.Slice(14, 4));
        return new FlacStreamInfo(sampleRate, channels, bits, total);
    }

    /// <summary>The pre-skip of an Ogg Opus file from its OpusHead packet; 0 when not found.</summary>
    public static async Task<int> ReadOpusPreSkipAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var head = new byte[512];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var span = head.AsSpan(0, read);
        var at = span.IndexOf("OpusHead"u8);
        return at >= 0 && at + 12 <= span.Length ? BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(at + 10, 2)) : 0;
    }
}
