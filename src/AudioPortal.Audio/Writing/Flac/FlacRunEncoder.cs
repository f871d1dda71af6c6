using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// WAV (16/24-bit integer PCM, mono or stereo) → FLAC in this process: reads a run of adjacent parts once, in
/// 4096-sample frames, and writes each part's file. FLAC encodes at hundreds of times real time, so starting an ffmpeg
/// process (~0.2 s of CPU) would cost as much as the encode; here a split of a 10-minute WAV takes a fraction of a second.
/// </summary>
internal static class FlacRunEncoder
{
    // Progress is reported every this many frames (~1.5 s of 44.1 kHz audio).
    private const int ReportEvery = 16;

    /// <summary>Whether the source can be encoded here (see <see cref="Planning.SplitRoute.FlacEncode"/>); ffmpeg takes the rest.</summary>
    public static bool Supports(AudioInfo source) =>
        source is { Container: AudioContainer.Wav, Codec: "pcm_s16le" or "pcm_s24le", Channels: 1 or 2 };

    public static async Task<AudioError?> EncodeAsync(
        string sourcePath, AudioInfo source, IReadOnlyList<RunOutput> outputs, Action<long> onSamplesDone, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(sourcePath);
        var probed = await WavProbe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (actual, layout) = probed.Value;
        if (actual.TotalSamples < outputs[^1].End || actual.SampleRate != source.SampleRate || actual.Codec != source.Codec)
        {
            return new AudioError(AudioErrorCodes.CorruptFile, "The source file changed since it was probed.");
        }

        // The encode is CPU-bound and synchronous; the caller runs as many of these at once as it has cores for.
        await Task.Run(() => Encode(input, actual, layout, outputs, onSamplesDone, ct), ct);
        return null;
    }

    /// <summary>
    /// Encodes the whole source into parts that fill <paramref name="limit"/> bytes: each frame's compressed size is known
    /// as it is made, so a part is closed when the next frame would cross the limit and the frame starts the next part.
    /// Sequential, since where a part ends depends on every frame before it; FLAC encodes at hundreds of times real time.
    /// <paramref name="open"/> gives the file and tags of the part starting at a sample; <paramref name="closed"/>
    /// receives each finished part's start, end and size.
    /// </summary>
    public static async Task<AudioError?> EncodeToLimitAsync(
        string sourcePath, AudioInfo source, long limit, Func<long, (string Path, IReadOnlyDictionary<string, string> Tags)> open,
        Action<long, long, long> closed, Action<long> onSamplesDone, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(sourcePath);
        var probed = await WavProbe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (actual, layout) = probed.Value;
        if (actual.TotalSamples != source.TotalSamples || actual.SampleRate != source.SampleRate || actual.Codec != source.Codec)
        {
            return new AudioError(AudioErrorCodes.CorruptFile, "The source file changed since it was probed.");
        }

        return await Task.Run(() => EncodeToLimit(input, actual, layout, limit, open, closed, onSamplesDone, ct), ct);
    }

    private static AudioError? EncodeToLimit(
        Stream input, AudioInfo source, WavLayout layout, long limit, Func<long, (string Path, IReadOnlyDictionary<string, string> Tags)> open,
        Action<long, long, long> closed, Action<long> onSamplesDone, CancellationToken ct)
    {
        var bits = source.BitsPerSample!.Value;
        var encoder = new FlacFrameEncoder(source.Channels, bits, source.SampleRate);
        var pcm = new byte[FlacFrameEncoder.BlockSize * layout.BlockAlign];
        var channels = Enumerable.Range(0, source.Channels).Select(_ => new int[FlacFrameEncoder.BlockSize]).ToArray();
        input.Position = layout.DataOffset;
        FlacFileWriter Open(long at)
        {
            var (path, tags) = open(at);
            return new FlacFileWriter(path, source.SampleRate, source.Channels, bits, tags);
        }

        var file = Open(0);
        try
        {
            long partStart = 0, frame = 0;
            for (long at = 0; at < source.TotalSamples; at += FlacFrameEncoder.BlockSize, frame++)
            {
                ct.ThrowIfCancellationRequested();
                var n = (int)Math.Min(FlacFrameEncoder.BlockSize, source.TotalSamples - at);
                var bytes = pcm.AsSpan(0, n * layout.BlockAlign);
                input.ReadExactly(bytes);
                Deinterleave(bytes, bits, channels, n);
                var encoded = encoder.Encode(channels, n, frame);
                if (file.Length + encoded.Length > limit)
                {
                    if (frame == 0)
                    {
                        return new AudioError(AudioErrorCodes.InvalidParams, "maxFileSize is too small for even one block of this audio in flac.");
                    }

                    file.Complete();
                    closed(partStart, at, file.Length);
                    file.Dispose();
                    file = Open(at);
                    (partStart, frame) = (at, 0);
                    encoded = encoder.Encode(channels, n, frame); // the frame header numbers frames from the part's start
                }

                file.HashPcm(bytes);
                file.WriteFrame(encoded, n);
                if (frame % ReportEvery == ReportEvery - 1)
                {
                    onSamplesDone(at + n);
                }
            }

            file.Complete();
            closed(partStart, source.TotalSamples, file.Length);
            return null;
        }
        finally
        {
            file.Dispose();
        }
    }

    private static void Encode(
        Stream input, AudioInfo source, WavLayout layout, IReadOnlyList<RunOutput> outputs, Action<long> onSamplesDone, CancellationToken ct)
    {
        var bits = source.BitsPerSample!.Value;
        var encoder = new FlacFrameEncoder(source.Channels, bits, source.SampleRate);
        var pcm = new byte[FlacFrameEncoder.BlockSize * layout.BlockAlign];
        var channels = Enumerable.Range(0, source.Channels).Select(_ => new int[FlacFrameEncoder.BlockSize]).ToArray();
        long done = 0;
        foreach (var output in outputs)
        {
            input.Position = layout.DataOffset + output.Start * layout.BlockAlign;
            using var file = new FlacFileWriter(output.Path, source.SampleRate, source.Channels, bits, output.Tags);
            long frame = 0;
            for (var at = output.Start; at < output.End; at += FlacFrameEncoder.BlockSize, frame++)
            {
                ct.ThrowIfCancellationRequested();
                var n = (int)Math.Min(FlacFrameEncoder.BlockSize, output.End - at);
                var bytes = pcm.AsSpan(0, n * layout.BlockAlign);
                input.ReadExactly(bytes);
                file.HashPcm(bytes);
                Deinterleave(bytes, bits, channels, n);
                file.WriteFrame(encoder.Encode(channels, n, frame), n);
                done += n;
                if (frame % ReportEvery == ReportEvery - 1)
                {
                    onSamplesDone(done);
                }
            }

            file.Complete();
        }
    }

    private static void Deinterleave(ReadOnlySpan<byte> pcm, int bits, int[][] channels, int n)
    {
        var count = channels.Length;
        if (bits == 16)
        {
            var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(pcm); // little-endian, as every host .NET runs on here
            for (var c = 0; c < count; c++)
            {
                var channel = channels[c];
                for (var i = 0; i < n; i++)
                {
                    channel[i] = samples[i * count + c];
                }
            }

            return;
        }

        for (var c = 0; c < count; c++)
        {
            var channel = channels[c];
            for (var i = 0; i < n; i++)
            {
                var at = (i * count + c) * 3;
                channel[i] = (pcm[at] | (pcm[at + 1] << 8) | ((sbyte)pcm[at + 2] << 16));
            }
        }
    }
}
