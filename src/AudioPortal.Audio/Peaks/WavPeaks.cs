using System.Buffers.Binary;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Peaks;

/// <summary>Peaks of a WAV file read straight from its PCM with a fixed buffer.</summary>
internal static class WavPeaks
{
    public static async Task<AudioResult<float[]>> ComputeAsync(string path, int count, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(path);
        var probed = await WavProbe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (info, layout) = probed.Value;
        var bytesPerSample = layout.BlockAlign / info.Channels;
        var read = SampleReader(info.Codec);
        var peaks = new PeakAccumulator(count, info.TotalSamples);
        var buffer = new byte[(1 << 16) / layout.BlockAlign * layout.BlockAlign];
        input.Position = layout.DataOffset;
        for (var left = layout.DataLength; left > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, left);
            await input.ReadExactlyAsync(buffer.AsMemory(0, chunk), ct);
            left -= chunk;
            for (var frame = 0; frame < chunk; frame += layout.BlockAlign)
            {
                var max = 0f;
                for (var ch = 0; ch < info.Channels; ch++)
                {
                    max = Math.Max(max, Math.Abs(read(buffer.AsSpan(frame + ch * bytesPerSample, bytesPerSample))));
                }

                peaks.Add(max);
            }
        }

        return peaks.Result();
    }

    internal delegate float Reader(ReadOnlySpan<byte> sample);

    /// <summary>Reads one sample of a WAV codec as -1…1 (shared with the silence analysis).</summary>
    internal static Reader SampleReader(string codec) => codec switch
    {
        "pcm_u8" => s => (s[0] - 128) / 128f,
        "pcm_s16le" => s => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        "pcm_s24le" => s => ((s[2] << 24) | (s[1] << 16) | (s[0] << 8)) / 2147483648f,
        "pcm_s32le" => s => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
        "pcm_f32le" => s => BinaryPrimitives.ReadSingleLittleEndian(s),
        _ => s => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
    };
}
