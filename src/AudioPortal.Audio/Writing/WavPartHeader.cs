using System.Buffers.Binary;
using System.Text;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Builds the header of a WAV part: RIFF (or RF64 with a ds64 chunk when the part passes 4 GiB), the format chunk,
/// a LIST/INFO chunk with the part's tags, and the data chunk header. Pure, so the planner can size parts exactly.
/// </summary>
internal static class WavPartHeader
{
    /// <summary>The most any header can take beyond its INFO chunk: RIFF 12 + ds64 36 + extensible fmt 48 + data 8.</summary>
    public const int MaxFixedLength = 12 + 36 + 48 + 8;

    private static readonly (string Key, string Id)[] InfoIds =
    [
        ("title", "INAM"), ("artist", "IART"), ("album", "IPRD"), ("comment", "ICMT"), ("date", "ICRD"),
        ("genre", "IGNR"), ("track", "ITRK"), ("copyright", "ICOP"),
    ];

    /// <summary>The header for a part with <paramref name="dataLength"/> bytes of PCM (the caller adds a pad byte when odd).</summary>
    public static byte[] Build(AudioInfo source, byte[]? sourceFmtChunk, IReadOnlyDictionary<string, string> tags, long dataLength)
    {
        var fmt = FmtChunk(source, sourceFmtChunk);
        var info = InfoChunk(tags);
        var rf64 = 4 + fmt.Length + info.Length + 8 + dataLength + (dataLength & 1) > uint.MaxValue;
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        var riffBody = 4 + (rf64 ? 36 : 0) + fmt.Length + info.Length + 8 + dataLength + (dataLength & 1);
        if (rf64)
        {
            var frames = dataLength / Math.Max(1, source.Channels * (source.BitsPerSample ?? 16) / 8);
            w.Write("RF64"u8);
            w.Write(uint.MaxValue);
            w.Write("WAVE"u8);
            w.Write("ds64"u8);
            w.Write(28u);
            w.Write(riffBody);
            w.Write(dataLength);
            w.Write(frames);
            w.Write(0u);
        }
        else
        {
            w.Write("RIFF"u8);
            w.Write((uint)riffBody);
            w.Write("WAVE"u8);
        }

        w.Write(fmt);
        w.Write(info);
        w.Write("data"u8);
        w.Write(rf64 ? uint.MaxValue : (uint)dataLength);
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>The source's extensible format chunk is kept (its channel mask matters); plain PCM/float is rewritten canonically.</summary>
    private static byte[] FmtChunk(AudioInfo source, byte[]? sourceFmtChunk)
    {
        if (sourceFmtChunk is { Length: >= 48 } && BinaryPrimitives.ReadUInt16LittleEndian(sourceFmtChunk.AsSpan(8)) == 0xFFFE)
        {
            var ext = sourceFmtChunk[..48];
            BinaryPrimitives.WriteUInt32LittleEndian(ext.AsSpan(4), 40);
            BinaryPrimitives.WriteUInt16LittleEndian(ext.AsSpan(8 + 16), 22);
            return ext;
        }

        var isFloat = source.Codec.StartsWith("pcm_f", StringComparison.Ordinal);
        var bits = source.BitsPerSample ?? 16;
        var blockAlign = source.Channels * bits / 8;
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("fmt "u8);
        w.Write(isFloat ? 18u : 16u);
        w.Write((ushort)(isFloat ? 3 : 1));
        w.Write((ushort)source.Channels);
        w.Write((uint)source.SampleRate);
        w.Write((uint)(source.SampleRate * blockAlign));
        w.Write((ushort)blockAlign);
        w.Write((ushort)bits);
        if (isFloat)
        {
            w.Write((ushort)0);
        }

        w.Flush();
        return ms.ToArray();
    }

    internal static byte[] InfoChunk(IReadOnlyDictionary<string, string> tags)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        w.Write("INFO"u8);
        foreach (var (key, id) in InfoIds)
        {
            if (!tags.TryGetValue(key, out var text) || string.IsNullOrEmpty(text))
            {
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(text.Length > 4096 ? text[..4096] : text);
            w.Write(Encoding.ASCII.GetBytes(id));
            w.Write((uint)(bytes.Length + 1));
            w.Write(bytes);
            w.Write((byte)0);
            if (((bytes.Length + 1) & 1) == 1)
            {
                w.Write((byte)0);
            }
        }

        w.Flush();
        if (body.Length == 4)
        {
            return [];
        }

        var chunk = new byte[8 + body.Length];
        "LIST"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.ToArray().CopyTo(chunk, 8);
        return chunk;
    }
}
