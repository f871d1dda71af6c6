using System.Buffers.Binary;
using System.Text;

namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>The sample encodings a generated WAV can have.</summary>
public enum WavEncoding
{
    Pcm,
    Float,
}

/// <summary>What <see cref="WavFile"/> writes: format, layout and length.</summary>
/// <param name="Extensible">Write WAVE_FORMAT_EXTENSIBLE (0xFFFE) instead of the plain tag.</param>
/// <param name="Rf64">Write an RF64 header with a ds64 chunk (sizes in 64 bits) instead of RIFF.</param>
/// <param name="ExtraChunks">Put a LIST/INFO chunk (title, artist) before the data chunk, as many tools do.</param>
public sealed record WavSpec(
    int SampleRate = 44100,
    int Channels = 2,
    int BitsPerSample = 16,
    long Frames = 44100,
    WavEncoding Encoding = WavEncoding.Pcm,
    bool Extensible = false,
    bool Rf64 = false,
    bool ExtraChunks = false,
    string Title = "Test Tone",
    string Artist = "AudioPortal Tests");

/// <summary>
/// Writes WAV files for tests, byte by byte, so every header variant can be produced without a tool. The signal
/// is a sine per channel plus a deterministic ramp, so every sample frame differs from its neighbours and a
/// dropped or duplicated block shows up in a byte comparison.
/// </summary>
public static class WavFile
{
    /// <summary>Writes the file and returns the offset and length of its PCM data.</summary>
    public static (long DataOffset, long DataLength) Write(string path, WavSpec spec)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return Write(stream, spec);
    }

    public static (long DataOffset, long DataLength) Write(Stream stream, WavSpec spec)
    {
        var blockAlign = spec.Channels * spec.BitsPerSample / 8;
        var dataLength = spec.Frames * blockAlign;
        var fmt = FmtChunk(spec, blockAlign);
        var list = spec.ExtraChunks ? ListChunk(spec) : [];
        var riffBody = 4 + fmt.Length + list.Length + 8 + dataLength + (dataLength & 1);

        using var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        if (spec.Rf64)
        {
            w.Write("RF64"u8);
            w.Write(uint.MaxValue);
            w.Write("WAVE"u8);
            w.Write("ds64"u8);
            w.Write(28u);
            w.Write(riffBody + 36); // the ds64 chunk itself is inside the RIFF body
            w.Write(dataLength);
            w.Write(spec.Frames);
            w.Write(0u); // no table entries
        }
        else
        {
            w.Write("RIFF"u8);
            w.Write((uint)riffBody);
            w.Write("WAVE"u8);
        }

        w.Write(fmt);
        w.Write(list);
        w.Write("data"u8);
        w.Write(spec.Rf64 ? uint.MaxValue : (uint)dataLength);
        w.Flush();
        var dataOffset = stream.Position;
        WriteSamples(stream, spec);
        if ((dataLength & 1) == 1)
        {
            stream.WriteByte(0);
        }

        return (dataOffset, dataLength);
    }

    /// <summary>The PCM bytes the generator writes for <paramref name="spec"/>, for comparisons.</summary>
    public static byte[] Pcm(WavSpec spec)
    {
        using var ms = new MemoryStream();
        WriteSamples(ms, spec);
        return ms.ToArray();
    }

    /// <summary>Reads the bytes of the first <c>data</c> chunk of a RIFF/RF64 WAV file (small test files only).</summary>
    public static byte[] ReadPcm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rf64 = Encoding.ASCII.GetString(bytes, 0, 4) == "RF64";
        long ds64Data = -1;
        for (var pos = 12; pos + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, pos, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 4));
            if (id == "ds64")
            {
                ds64Data = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pos + 16));
            }

            if (id == "data")
            {
                var length = rf64 && size == uint.MaxValue ? ds64Data : size;
                return bytes.AsSpan(pos + 8, (int)Math.Min(length, bytes.Length - pos - 8)).ToArray();
            }

            pos += 8 + (int)size + (int)(size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }

    private static byte[] FmtChunk(WavSpec spec, int blockAlign)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        var tag = spec.Encoding == WavEncoding.Float ? (ushort)3 : (ushort)1;
        w.Write("fmt "u8);
        w.Write(spec.Extensible ? 40u : spec.Encoding == WavEncoding.Float ? 18u : 16u);
        w.Write(spec.Extensible ? (ushort)0xFFFE : tag);
        w.Write((ushort)spec.Channels);
        w.Write((uint)spec.SampleRate);
        w.Write((uint)(spec.SampleRate * blockAlign));
        w.Write((ushort)blockAlign);
        w.Write((ushort)spec.BitsPerSample);
        if (spec.Extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)spec.BitsPerSample); // valid bits
            w.Write(spec.Channels == 1 ? 0x4u : 0x3u); // channel mask: FC, or FL|FR
            w.Write(tag); // sub-format GUID: {tag}-0000-0010-8000-00aa00389b71
            w.Write([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]);
        }
        else if (spec.Encoding == WavEncoding.Float)
        {
            w.Write((ushort)0);
        }

        return ms.ToArray();
    }

    private static byte[] ListChunk(WavSpec spec)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        w.Write("INFO"u8);
        foreach (var (id, text) in new[] { ("INAM", spec.Title), ("IART", spec.Artist) })
        {
            var value = Encoding.UTF8.GetBytes(text + "\0");
            w.Write(Encoding.ASCII.GetBytes(id));
            w.Write((uint)value.Length);
            w.Write(value);
            if ((value.Length & 1) == 1)
            {
                w.Write((byte)0);
            }
        }

        w.Flush();
        var chunk = new byte[8 + body.Length];
        "LIST"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.ToArray().CopyTo(chunk, 8);
        return chunk;
    }

    private static void WriteSamples(Stream stream, WavSpec spec)
    {
        var bytesPerSample = spec.BitsPerSample / 8;
        var buffer = new byte[4096 * spec.Channels * bytesPerSample];
        for (long frame = 0; frame < spec.Frames;)
        {
            var count = (int)Math.Min(4096, spec.Frames - frame);
            var pos = 0;
            for (var i = 0; i < count; i++, frame++)
            {
                for (var ch = 0; ch < spec.Channels; ch++)
                {
                    var value = Sample(spec, frame, ch);
                    WriteSample(buffer.AsSpan(pos, bytesPerSample), spec, value);
                    pos += bytesPerSample;
                }
            }

            stream.Write(buffer, 0, pos);
        }
    }

    /// <summary>A value in [-0.9, 0.9]: a sine (440 Hz, a fifth higher per channel) plus a slow ramp.</summary>
    private static double Sample(WavSpec spec, long frame, int channel)
    {
        var t = frame / (double)spec.SampleRate;
        var sine = Math.Sin(2 * Math.PI * 440 * Math.Pow(1.5, channel) * t);
        var ramp = (frame % 997) / 997.0 - 0.5;
        return 0.8 * sine + 0.1 * ramp;
    }

    private static void WriteSample(Span<byte> target, WavSpec spec, double value)
    {
        if (spec.Encoding == WavEncoding.Float)
        {
            if (spec.BitsPerSample == 64)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(target, value);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
            }

            return;
        }

        switch (spec.BitsPerSample)
        {
            case 8:
                target[0] = (byte)(128 + (int)Math.Round(value * 127)); // 8-bit WAV is unsigned
                break;
            case 16:
                BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Round(value * short.MaxValue));
                break;
            case 24:
                var v24 = (int)Math.Round(value * 8_388_607);
                target[0] = (byte)v24;
                target[1] = (byte)(v24 >> 8);
                target[2] = (byte)(v24 >> 16);
                break;
            case 32:
                BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Round(value * int.MaxValue));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), $"{spec.BitsPerSample}-bit PCM is not generated");
        }
    }
}
