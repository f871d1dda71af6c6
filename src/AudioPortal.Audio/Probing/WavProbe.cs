using System.Buffers.Binary;
using System.Text;

namespace AudioPortal.Audio.Probing;

/// <summary>Where a WAV file's PCM is and how it is laid out; <see cref="FmtChunk"/> is the raw chunk (header included) for copying.</summary>
internal sealed record WavLayout(long DataOffset, long DataLength, int BlockAlign, byte[] FmtChunk, bool Rf64);

/// <summary>
/// Probes RIFF/RF64 WAVE files chunk by chunk with small reads: a chunk's claimed size is checked against the
/// file before anything is read, so absurd sizes fail fast instead of allocating. Accepts PCM 8/16/24/32-bit,
/// IEEE float 32/64-bit, and WAVE_FORMAT_EXTENSIBLE of either.
/// </summary>
internal static class WavProbe
{
    private const int MaxChunks = 10_000;
    private const int MaxInfoChunk = 64 * 1024;
    private static readonly byte[] GuidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private static readonly Dictionary<string, string> InfoNames = new()
    {
        ["INAM"] = "title", ["IART"] = "artist", ["IPRD"] = "album", ["ICMT"] = "comment", ["ICRD"] = "date",
        ["IGNR"] = "genre", ["ITRK"] = "track", ["IPRT"] = "track", ["ISFT"] = "encoder", ["ICOP"] = "copyright",
    };

    public static async Task<AudioResult<(AudioInfo Info, WavLayout Layout)>> ProbeAsync(Stream stream, CancellationToken ct)
    {
        var length = stream.Length;
        var header = new byte[12];
        stream.Position = 0;
        if (await stream.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, ct) < 12)
        {
            return ProbeErrors.Corrupt("the WAV header is cut short");
        }

        var rf64 = header.AsSpan(0, 4).SequenceEqual("RF64"u8);
        long? ds64Data = null;
        byte[]? fmt = null;
        var tags = new Dictionary<string, string>();
        var chunk = new byte[8];
        long pos = 12;
        for (var i = 0; i < MaxChunks && pos + 8 <= length; i++)
        {
            stream.Position = pos;
            await stream.ReadExactlyAsync(chunk, ct);
            var id = Encoding.ASCII.GetString(chunk, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            var body = pos + 8;
            switch (id)
            {
                case "ds64" when rf64:
                    if (size < 24 || body + 24 > length)
                    {
                        return ProbeErrors.Corrupt("the RF64 size chunk is cut short");
                    }

                    var ds64 = new byte[24];
                    await stream.ReadExactlyAsync(ds64, ct);
                    ds64Data = BinaryPrimitives.ReadInt64LittleEndian(ds64.AsSpan(8));
                    break;
                case "fmt ":
                    if (size is < 16 or > 1024 || body + size > length)
                    {
                        return ProbeErrors.Corrupt($"the WAV format chunk claims {size} bytes");
                    }

                    fmt = new byte[8 + size];
                    chunk.CopyTo(fmt, 0);
                    await stream.ReadExactlyAsync(fmt.AsMemory(8), ct);
                    break;
                case "LIST" when size is >= 4 and <= MaxInfoChunk && body + size <= length:
                    var list = new byte[size];
                    await stream.ReadExactlyAsync(list, ct);
                    ReadInfo(list, tags);
                    break;
                case "data":
                    if (fmt is null)
                    {
                        return ProbeErrors.Corrupt("the WAV data comes before its format");
                    }

                    var dataLength = rf64 && size == uint.MaxValue ? ds64Data ?? -1 : size;
                    return Describe(fmt, body, dataLength, length, rf64, tags);
            }

            pos = body + size + (size & 1);
        }

        return ProbeErrors.Corrupt(fmt is null ? "the WAV file has no format chunk" : "the WAV file has no audio data");
    }

    private static AudioResult<(AudioInfo, WavLayout)> Describe(
        byte[] fmt, long dataOffset, long dataLength, long fileLength, bool rf64, Dictionary<string, string> tags)
    {
        var f = fmt.AsSpan(8);
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(f);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(f[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(f[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(f[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(f[14..]);
        if (tag == 0xFFFE)
        {
            if (f.Length < 40 || !f.Slice(26, 14).SequenceEqual(GuidTail))
            {
                return ProbeErrors.Corrupt("the WAVE_FORMAT_EXTENSIBLE header is incomplete");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(f[24..]);
        }

        var codec = (tag, bits) switch
        {
            (1, 8) => "pcm_u8",
            (1, 16) => "pcm_s16le",
            (1, 24) => "pcm_s24le",
            (1, 32) => "pcm_s32le",
            (3, 32) => "pcm_f32le",
            (3, 64) => "pcm_f64le",
            _ => null,
        };
        if (codec is null)
        {
            return tag is 1 or 3
                ? ProbeErrors.Unsupported($"{bits}-bit WAV samples")
                : ProbeErrors.Unsupported($"WAV with format tag 0x{tag:X4} (only PCM and IEEE float are supported)");
        }

        if (channels is < 1 or > 64 || sampleRate is < 1000 or > 768_000 || blockAlign != channels * bits / 8)
        {
            return ProbeErrors.Corrupt($"impossible WAV format values ({channels} channels, {sampleRate} Hz, block {blockAlign})");
        }

        var available = fileLength - dataOffset;
        if (dataLength is 0 or uint.MaxValue && !rf64)
        {
            dataLength = available; // written by a streaming tool that never went back to fill in the size
        }

        if (dataLength < 0 || dataLength > available)
        {
            return ProbeErrors.Corrupt("the WAV file is truncated");
        }

        var frames = dataLength / blockAlign;
        if (frames == 0)
        {
            return ProbeErrors.Corrupt("the WAV file has no samples");
        }

        var info = new AudioInfo(AudioContainer.Wav, codec, (int)sampleRate, channels, bits,
            (int)Math.Min(int.MaxValue, (long)sampleRate * blockAlign * 8), frames, tags);
        return (info, new WavLayout(dataOffset, frames * blockAlign, blockAlign, fmt, rf64));
    }

    private static void ReadInfo(ReadOnlySpan<byte> list, Dictionary<string, string> tags)
    {
        if (!list[..4].SequenceEqual("INFO"u8))
        {
            return;
        }

        for (var pos = 4; pos + 8 <= list.Length;)
        {
            var id = Encoding.ASCII.GetString(list.Slice(pos, 4));
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(list[(pos + 4)..]), (uint)(list.Length - pos - 8));
            if (InfoNames.TryGetValue(id, out var name))
            {
                var text = Encoding.UTF8.GetString(list.Slice(pos + 8, size)).TrimEnd('\0', ' ');
                if (text.Length > 0)
                {
                    tags.TryAdd(name, text);
                }
            }

            pos += 8 + size + (size & 1);
        }
    }
}
