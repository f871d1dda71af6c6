using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// Writes one FLAC file: the "fLaC" marker, STREAMINFO (filled in at the end with the frame sizes, the sample count
/// and the MD5 of the audio), the tags as a Vorbis comment, then the frames as they come.
/// </summary>
internal sealed class FlacFileWriter : IDisposable
{
    private const int StreamInfoOffset = 8; // after "fLaC" and the block header
    private const string Vendor = "AudioPortal";

    private readonly FileStream _file;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly int _sampleRate;
    private readonly int _channels;
    private readonly int _bitsPerSample;
    private long _samples;
    private int _minFrame = int.MaxValue;
    private int _maxFrame;

    public FlacFileWriter(string path, int sampleRate, int channels, int bitsPerSample, IReadOnlyDictionary<string, string> tags)
    {
        (_sampleRate, _channels, _bitsPerSample) = (sampleRate, channels, bitsPerSample);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _file.Write("fLaC"u8);
        WriteBlockHeader(type: 0, length: 34, last: false);
        _file.Write(new byte[34]);
        var comment = VorbisComment(tags);
        WriteBlockHeader(type: 4, length: comment.Length, last: true);
        _file.Write(comment);
    }

    /// <summary>Bytes written so far (STREAMINFO is filled in place, so this is the finished file's size too).</summary>
    public long Length => _file.Position;

    /// <summary>Adds the source bytes of the next frame's samples to the MD5 (little-endian interleaved, as in WAV).</summary>
    public void HashPcm(ReadOnlySpan<byte> pcm) => _md5.AppendData(pcm);

    public void WriteFrame(ReadOnlySpan<byte> frame, int samples)
    {
        _file.Write(frame);
        _samples += samples;
        _minFrame = Math.Min(_minFrame, frame.Length);
        _maxFrame = Math.Max(_maxFrame, frame.Length);
    }

    /// <summary>Fills in STREAMINFO and flushes the file.</summary>
    public void Complete()
    {
        var info = new byte[34];
        var block = (ushort)Math.Clamp(_samples, 16, FlacFrameEncoder.BlockSize);
        BinaryPrimitives.WriteUInt16BigEndian(info, block);
        BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(2), block);
        WriteUInt24(info.AsSpan(4), _maxFrame == 0 ? 0 : _minFrame);
        WriteUInt24(info.AsSpan(7), _maxFrame);
        var packed = ((ulong)_sampleRate << 44) | ((ulong)(_channels - 1) << 41) | ((ulong)(_bitsPerSample - 1) << 36) | (ulong)_samples;
        BinaryPrimitives.WriteUInt64BigEndian(info.AsSpan(10), packed);
        _md5.GetHashAndReset().CopyTo(info.AsSpan(18));
        _file.Position = StreamInfoOffset;
        _file.Write(info);
        _file.Flush();
    }

    public void Dispose()
    {
        _file.Dispose();
        _md5.Dispose();
    }

    private void WriteBlockHeader(int type, int length, bool last)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        header[0] = (byte)((last ? 0x80 : 0) | type);
        _file.Write(header);
    }

    private static byte[] VorbisComment(IReadOnlyDictionary<string, string> tags)
    {
        using var block = new MemoryStream();
        WriteString(block, Vendor);
        WriteLength(block, tags.Count);
        foreach (var (key, value) in tags)
        {
            WriteString(block, $"{VorbisCommentNames.ToVorbis(key)}={value}");
        }

        return block.ToArray();
    }

    private static void WriteString(MemoryStream block, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteLength(block, bytes.Length);
        block.Write(bytes);
    }

    private static void WriteLength(MemoryStream block, int length)
    {
        Span<byte> le = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(le, length);
        block.Write(le);
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)(value >> 16);
        target[1] = (byte)(value >> 8);
        target[2] = (byte)value;
    }
}
