using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Peaks;
using AudioPortal.Audio.Probing;
using NLayer;

namespace AudioPortal.Audio.Silence;

/// <summary>
/// Finds the silences of a source in one streaming pass: WAV read straight from its PCM, everything else decoded by
/// one ffmpeg run to 16 kHz mono PCM on a pipe (MP3 by NLayer when ffmpeg is not installed). Fixed buffers throughout; the frame
/// levels go to <see cref="FrameLevels"/>, so memory does not grow with the file.
/// </summary>
internal static class SilenceAnalyzer
{
    private const int AnalysisRate = 16000;
    private const int BufferBytes = 1 << 18;

    public static async Task<AudioResult<SilenceMap>> AnalyzeAsync(
        AudioEngineOptions options, string path, AudioInfo source, SilenceSettings settings, CancellationToken ct)
    {
        if (settings.Validate() is { } invalid)
        {
            return invalid;
        }

        if (source.SampleRate <= 0 || source.TotalSamples <= 0)
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The source has no audio to analyse.");
        }

        if (source.Container == AudioContainer.Wav)
        {
            return await MeasureAsync(source.SampleRate, levels => ReadWavAsync(path, levels, ct));
        }

        // MP3 goes through ffmpeg too when it is installed: NLayer decodes about 5x slower (bench/README.md), so the
        // in-process decoder is the fallback that keeps smart cuts working without ffmpeg.
        var decoded = await MeasureAsync(AnalysisRate, levels => ReadWithFfmpegAsync(options, path, levels, ct));
        return source.Container == AudioContainer.Mp3 && decoded.Error?.Code == AudioErrorCodes.ServiceUnavailable
            ? await MeasureAsync(source.SampleRate, levels => Task.Run(() => ReadMp3(path, levels, ct), ct))
            : decoded;

        async Task<AudioResult<SilenceMap>> MeasureAsync(int rate, Func<FrameLevels, Task<AudioError?>> read)
        {
            using var levels = new FrameLevels(rate, options.TempDirectory);
            var error = await read(levels);
            return error ?? (AudioResult<SilenceMap>)levels.Finish(settings, source.SampleRate, source.TotalSamples);
        }
    }

    private static async Task<AudioError?> ReadWavAsync(string path, FrameLevels levels, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(path);
        var probed = await WavProbe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (info, layout) = probed.Value;
        var channels = info.Channels;
        var bytesPerSample = layout.BlockAlign / channels;
        var reader = WavPeaks.SampleReader(info.Codec);
        var buffer = new byte[BufferBytes / layout.BlockAlign * layout.BlockAlign];
        var mono = new float[buffer.Length / layout.BlockAlign];
        input.Position = layout.DataOffset;
        for (var left = layout.DataLength - layout.DataLength % layout.BlockAlign; left > 0;)
        {
            var chunk = (int)Math.Min(buffer.Length, left);
            await input.ReadExactlyAsync(buffer.AsMemory(0, chunk), ct);
            left -= chunk;
            var frames = chunk / layout.BlockAlign;
            if (info.Codec == "pcm_s16le")
            {
                MixS16(MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, chunk)), channels, mono);
            }
            else
            {
                for (var f = 0; f < frames; f++)
                {
                    var sum = 0f;
                    for (var ch = 0; ch < channels; ch++)
                    {
                        sum += reader(buffer.AsSpan(f * layout.BlockAlign + ch * bytesPerSample, bytesPerSample));
                    }

                    mono[f] = sum / channels;
                }
            }

            levels.Add(mono.AsSpan(0, frames));
        }

        return null;
    }

    // The common case gets its own loop: a delegate call per sample would cost more than the rest of the pass.
    private static void MixS16(ReadOnlySpan<short> samples, int channels, Span<float> mono)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("PCM is read as little-endian.");
        }

        var scale = 1f / (32768f * channels);
        if (channels == 2)
        {
            for (int i = 0, f = 0; i + 1 < samples.Length; i += 2, f++)
            {
                mono[f] = (samples[i] + samples[i + 1]) * scale;
            }

            return;
        }

        for (int i = 0, f = 0; i + channels <= samples.Length; i += channels, f++)
        {
            var sum = 0;
            for (var ch = 0; ch < channels; ch++)
            {
                sum += samples[i + ch];
            }

            mono[f] = sum * scale;
        }
    }

    private static AudioError? ReadMp3(string path, FrameLevels levels, CancellationToken ct)
    {
        using var input = AudioProbe.OpenRead(path);
        using var mpeg = new MpegFile(input);
        var channels = Math.Max(1, mpeg.Channels);
        var buffer = new float[8192 * channels];
        var mono = new float[8192];
        int read;
        while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            var frames = read / channels;
            for (var f = 0; f < frames; f++)
            {
                var sum = 0f;
                for (var ch = 0; ch < channels; ch++)
                {
                    sum += buffer[f * channels + ch];
                }

                mono[f] = sum / channels;
            }

            levels.Add(mono.AsSpan(0, frames));
        }

        return null;
    }

    private static async Task<AudioError?> ReadWithFfmpegAsync(AudioEngineOptions options, string path, FrameLevels levels, CancellationToken ct)
    {
        var run = await FfmpegProcess.RunReadingAsync(options.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", FfprobeReader.InputUrl(path), "-map", "0:a:0", "-vn",
             "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"],
            stdout => ReadPcmAsync(stdout.BaseStream, levels, ct), ct, options.PeaksTimeout);
        if (run is null)
        {
            return FfprobeReader.Unavailable(options.FfmpegPath);
        }

        if (run.TimedOut)
        {
            return FfprobeReader.TimedOut("ffmpeg", options.PeaksTimeout);
        }

        return run.Succeeded ? null : new AudioError(AudioErrorCodes.CorruptFile, $"The audio could not be decoded: {SafeText.ToolReason(run.LastError)}.")
        {
            Detail = run.LastError,
        };
    }

    private static async Task ReadPcmAsync(Stream pcm, FrameLevels levels, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        var mono = new float[buffer.Length / 2];
        var carry = 0; // a pipe read may end mid-sample
        int read;
        while ((read = await pcm.ReadAsync(buffer.AsMemory(carry), ct)) > 0)
        {
            var bytes = carry + read;
            var samples = bytes / 2;
            for (var i = 0; i < samples; i++)
            {
                mono[i] = BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(i * 2)) / 32768f;
            }

            levels.Add(mono.AsSpan(0, samples));
            carry = bytes - samples * 2;
            if (carry > 0)
            {
                buffer[0] = buffer[bytes - 1];
            }
        }
    }
}
